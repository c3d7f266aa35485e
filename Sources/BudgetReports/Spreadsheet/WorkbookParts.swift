/// The package parts of an .xlsx (ECMA-376 Part 2, Open Packaging Conventions) besides the sheets.
/// Only what Excel and LibreOffice need is written: no docProps, no theme, no shared strings
/// (text cells are inline strings), no calcChain (there are no formulas).
extension Workbook {
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    /// Every part, paths relative to the package root, `[Content_Types].xml` first as Office writes it.
    func parts() throws -> [(path: String, bytes: [UInt8])] {
        guard !sheets.isEmpty else { throw SpreadsheetError.noSheets }
        guard sheets.count <= SpreadsheetLimits.maximumSheets else { throw SpreadsheetError.tooManySheets(count: sheets.count) }
        var parts: [(path: String, bytes: [UInt8])] = [
            ("[Content_Types].xml", Array(contentTypes().utf8)),
            ("_rels/.rels", Array(packageRelationships().utf8)),
            ("xl/workbook.xml", Array(workbookXML().utf8)),
            ("xl/_rels/workbook.xml.rels", Array(workbookRelationships().utf8)),
            ("xl/styles.xml", Array(StylesXML.xml.utf8)),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(index + 1).xml", Array(try WorksheetXML.render(sheet).utf8)))
        }
        return parts
    }

    func contentTypes() -> String {
        let spreadsheet = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        var xml = Self.header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        xml += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        xml += #"<Default Extension="xml" ContentType="application/xml"/>"#
        xml += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(spreadsheet).sheet.main+xml\"/>"
        xml += "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(spreadsheet).styles+xml\"/>"
        for index in sheets.indices {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" ContentType=\"\(spreadsheet).worksheet+xml\"/>"
        }
        return xml + "</Types>"
    }

    func packageRelationships() -> String {
        Self.header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + "<Relationship Id=\"rId1\" Type=\"\(Self.relationshipsNamespace)/officeDocument\" Target=\"xl/workbook.xml\"/>"
            + "</Relationships>"
    }

    /// Sheet n is relationship rIdn; styles come after the sheets.
    func workbookRelationships() -> String {
        var xml = Self.header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for index in sheets.indices {
            xml += "<Relationship Id=\"rId\(index + 1)\" Type=\"\(Self.relationshipsNamespace)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"\(Self.relationshipsNamespace)/styles\" Target=\"styles.xml\"/>"
        return xml + "</Relationships>"
    }

    func workbookXML() -> String {
        var xml = Self.header + "<workbook xmlns=\"\(Self.mainNamespace)\" xmlns:r=\"\(Self.relationshipsNamespace)\">"
        xml += #"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#
        for (index, name) in sheetNames.enumerated() {
            xml += "<sheet name=\"\(SpreadsheetText.xmlAttribute(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        return xml + "</sheets></workbook>"
    }
}

/// `xl/styles.xml`: one cell format (xf) per `CellStyle`, in `rawValue` order, then the same
/// formats again with `quotePrefix="1"` for formula-like text (see `SpreadsheetText`).
enum StylesXML {
    /// The `s` attribute of a cell.
    static func index(of style: CellStyle, quotePrefix: Bool) -> Int {
        style.rawValue + (quotePrefix ? CellStyle.allCases.count : 0)
    }

    /// Fonts: 0 regular, 1 bold. Fills: 0 none and 1 gray125 (both required by Excel), 2 grey,
    /// 3 light red (Excel's own "bad" shade, for flagged cells).
    /// Borders: 0 none, 1 thin on all four sides. Number formats are built-in ids, which every
    /// reader knows without a <numFmts> list: 0 General, 2 `0.00`, 10 `0.00%`.
    static func format(_ style: CellStyle) -> (font: Int, fill: Int, border: Int, numberFormat: Int, alignment: String?) {
        switch style {
        case .plain: return (0, 0, 0, 0, nil)
        case .bold: return (1, 0, 0, 0, nil)
        case .header: return (1, 2, 1, 0, #"<alignment horizontal="center" vertical="center" wrapText="1"/>"#)
        case .bordered: return (0, 0, 1, 0, #"<alignment vertical="center"/>"#)
        case .wrapped: return (0, 0, 1, 0, #"<alignment vertical="top" wrapText="1"/>"#)
        case .money: return (0, 0, 1, 2, #"<alignment vertical="center"/>"#)
        case .percent: return (0, 0, 1, 10, #"<alignment vertical="center"/>"#)
        case .flagged: return (0, 3, 1, 0, #"<alignment vertical="center" wrapText="1"/>"#)
        case .flaggedMoney: return (0, 3, 1, 2, #"<alignment vertical="center"/>"#)
        case .flaggedPercent: return (0, 3, 1, 10, #"<alignment vertical="center"/>"#)
        }
    }

    static let xml: String = {
        let font = #"<sz val="11"/><name val="Calibri"/><family val="2"/>"#
        let thin = #"style="thin"><color auto="1"/>"#
        var xml = Workbook.header + "<styleSheet xmlns=\"\(Workbook.mainNamespace)\">"
        xml += "<fonts count=\"2\"><font>\(font)</font><font><b/>\(font)</font></fonts>"
        xml += #"<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#
            + #"<fill><patternFill patternType="solid"><fgColor rgb="FFD9D9D9"/><bgColor indexed="64"/></patternFill></fill>"#
            + #"<fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/><bgColor indexed="64"/></patternFill></fill></fills>"#
        xml += #"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#
            + "<border><left \(thin)</left><right \(thin)</right><top \(thin)</top><bottom \(thin)</bottom><diagonal/></border></borders>"
        xml += #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        xml += "<cellXfs count=\"\(CellStyle.allCases.count * 2)\">"
        for quotePrefix in [false, true] {
            for style in CellStyle.allCases {
                let f = format(style)
                // The apply* flags are spelled out: some readers honour a part of an xf only with its flag.
                xml += "<xf numFmtId=\"\(f.numberFormat)\" fontId=\"\(f.font)\" fillId=\"\(f.fill)\" borderId=\"\(f.border)\" xfId=\"0\""
                    + (f.numberFormat != 0 ? " applyNumberFormat=\"1\"" : "")
                    + (f.font != 0 ? " applyFont=\"1\"" : "")
                    + (f.fill != 0 ? " applyFill=\"1\"" : "")
                    + (f.border != 0 ? " applyBorder=\"1\"" : "")
                    + (f.alignment != nil ? " applyAlignment=\"1\"" : "")
                    + (quotePrefix ? " quotePrefix=\"1\"" : "")
                xml += f.alignment.map { ">" + $0 + "</xf>" } ?? "/>"
            }
        }
        xml += "</cellXfs>"
        xml += #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        return xml + "</styleSheet>"
    }()
}
