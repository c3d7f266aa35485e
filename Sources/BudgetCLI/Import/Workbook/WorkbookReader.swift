import BudgetText

/// One sheet of an .xlsx workbook as a `SheetTable`: the workbook's ZIP members read and
/// inflated, the sheet found by name (or the first), shared and inline strings resolved, and a
/// number cell styled as a date marked as a date, in the workbook's 1900 or 1904 date system.
enum WorkbookReader {
    struct Failure: Error, CustomStringConvertible, Explained {
        let reason: Message
        var description: String { reason.description }
        var explanation: Message { reason }
    }

    /// The most cells a sheet may hold: a year of a unit's payments is far fewer.
    static let cellsMax = 20_000_000

    static func table(_ bytes: [UInt8], sheet wanted: String?) throws(Failure) -> SheetTable {
        do {
            let archive = try ZipArchive(bytes)
            guard let workbook = try archive.member("xl/workbook.xml") else { throw Failure(reason: Message(.itHasNoXlWorkbook)) }
            let (sheets, date1904) = try self.sheets(workbook)
            guard let sheet = wanted.map({ name in sheets.first { $0.name == name } }) ?? sheets.first(where: { !$0.hidden }) else {
                throw Failure(reason: wanted.map { name in Message(.itHasNoSheetNamed, name, Message.list(sheets.map(\.name))) } ?? Message(.itHasNoSheet))
            }
            let relations = try archive.member("xl/_rels/workbook.xml.rels").map(targets) ?? [:]
            guard let target = relations[sheet.relation] else { throw Failure(reason: Message(.sheetHasNoPartIn, sheet.name)) }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let part = try archive.member(path) else { throw Failure(reason: Message(.sheetNamesWhichWorkbookLacks, sheet.name, path)) }
            let shared = try archive.member("xl/sharedStrings.xml").map(sharedStrings) ?? []
            let dateStyles = try archive.member("xl/styles.xml").map(self.dateStyles) ?? []
            return try rows(part, shared: shared, dateStyles: dateStyles, date1904: date1904)
        } catch let failure as Failure {
            throw failure
        } catch let failure as ZipArchive.Failure {
            throw Failure(reason: failure.reason)
        } catch let failure as XMLScanner.Failure {
            throw Failure(reason: Message(.itsXMLIsMalformed, failure.reason))
        } catch {
            throw Failure(reason: "\(error)")
        }
    }

    /// The sheets in workbook order (name and relationship id), and the date system.
    static func sheets(_ xml: [UInt8]) throws -> ([(name: String, relation: String, hidden: Bool)], Bool) {
        var scanner = XMLScanner(xml)
        var sheets: [(name: String, relation: String, hidden: Bool)] = []
        var date1904 = false
        while let token = try scanner.next() {
            guard case .start(let name, let attributes, _) = token else { continue }
            if name == "workbookPr", let value = attributes["date1904"] { date1904 = value == "1" || value == "true" }
            // A hidden sheet (old data, lookups) is never the one read unless named.
            if name == "sheet", let sheet = attributes["name"], let relation = attributes["id"] {
                sheets.append((sheet, relation, attributes["state"] == "hidden" || attributes["state"] == "veryHidden"))
            }
        }
        return (sheets, date1904)
    }

    /// Relationship id → target part.
    static func targets(_ xml: [UInt8]) throws -> [String: String] {
        var scanner = XMLScanner(xml)
        var targets: [String: String] = [:]
        while let token = try scanner.next() {
            if case .start("Relationship", let attributes, _) = token, let id = attributes["Id"], let target = attributes["Target"] { targets[id] = target }
        }
        return targets
    }

    /// The shared strings, in order; a rich string's runs joined, its phonetic guide left out.
    static func sharedStrings(_ xml: [UInt8]) throws -> [String] {
        var scanner = XMLScanner(xml)
        var strings: [String] = []
        while let token = try scanner.next() {
            if case .start("si", _, let empty) = token { strings.append(empty ? "" : try scanner.text(until: "si", skipping: ["rPh"])) }
        }
        return strings
    }

    /// The indices of the cell formats (`cellXfs`) that show a number as a date.
    static func dateStyles(_ xml: [UInt8]) throws -> Set<Int> {
        var scanner = XMLScanner(xml)
        var custom: [Int: String] = [:]
        var formats: [Int] = []
        var inCellFormats = false
        while let token = try scanner.next() {
            switch token {
            case .start("numFmt", let attributes, _):
                if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] { custom[id] = code }
            case .start("cellXfs", _, let empty): inCellFormats = !empty
            case .end("cellXfs"): inCellFormats = false
            case .start("xf", let attributes, _) where inCellFormats: formats.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
            default: break
            }
        }
        return Set(formats.indices.filter { isDate(formats[$0], custom[formats[$0]]) })
    }

    /// Whether number format `id` (with its code, when custom) shows a date: the built-in date
    /// formats (14–22, 27–36 and 50–58 for CJK locales, 45–47), or a code with a day or a year in
    /// it outside quotes, brackets and escapes.
    static func isDate(_ id: Int, _ code: String?) -> Bool {
        guard let code else { return (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id) }
        var plain = ""
        var quoted = false, bracketed = false, escaped = false
        for character in code {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[": bracketed = true
            case "]": bracketed = false
            default: if !quoted && !bracketed { plain.append(character) }
            }
        }
        return plain.lowercased().contains { $0 == "y" || $0 == "d" }
    }

    /// The rows of a sheet part, each cell at its column (by its reference, `C7`).
    static func rows(_ xml: [UInt8], shared: [String], dateStyles: Set<Int>, date1904: Bool) throws -> SheetTable {
        var scanner = XMLScanner(xml)
        var table = SheetTable(unit: Message(.unitRow))
        var cells: [SheetTable.Cell] = []
        var rowNumber = 0
        var cellCount = 0
        while let token = try scanner.next() {
            switch token {
            case .start("row", let attributes, let empty):
                rowNumber = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
                cells = []
                if empty { table.rows.append(SheetTable.Row(number: rowNumber, cells: [])) }
            case .end("row"):
                table.rows.append(SheetTable.Row(number: rowNumber, cells: cells))
            case .start("c", let attributes, let empty):
                let column = attributes["r"].flatMap(columnIndex) ?? cells.count
                guard column < 16_384 else { throw Failure(reason: Message(.cellLiesPastLastColumn, attributes["r"] ?? "")) }
                cellCount += 1
                guard cellCount <= cellsMax else { throw Failure(reason: Message(.sheetHasMoreThanCells, cellsMax)) }
                let value = empty ? nil : try cellValue(&scanner)
                let cell = try self.cell(type: attributes["t"], style: attributes["s"].flatMap { Int($0) }, value: value,
                                         shared: shared, dateStyles: dateStyles, date1904: date1904)
                while cells.count < column { cells.append(.empty) }
                if cells.count == column { cells.append(cell) } else { cells[column] = cell }
            default: break
            }
        }
        return table
    }

    /// The value of the cell just opened: its `<v>`, or the text of its inline `<is>`.
    static func cellValue(_ scanner: inout XMLScanner) throws -> String? {
        var value: String?
        while let token = try scanner.next() {
            switch token {
            case .start("v", _, let empty): value = empty ? "" : try scanner.text(until: "v")
            case .start("is", _, let empty): value = empty ? "" : try scanner.text(until: "is", skipping: ["rPh"])
            case .end("c"): return value
            default: continue
            }
        }
        throw Failure(reason: Message(.cellIsNotClosed))
    }

    static func cell(type: String?, style: Int?, value: String?, shared: [String], dateStyles: Set<Int>, date1904: Bool) throws(Failure) -> SheetTable.Cell {
        guard let value else { return .empty }
        switch type {
        case "s":
            guard let index = Int(value), shared.indices.contains(index) else { throw Failure(reason: Message(.cellNamesSharedStringWhich, value)) }
            return .text(shared[index])
        case "inlineStr", "str", "d", "e": return .text(value)
        case "b": return .bool(value == "1" || value == "true")
        default:
            if value.isEmpty { return .empty }
            if let style, dateStyles.contains(style) { return .date(serial: value, date1904: date1904) }
            return .number(value)
        }
    }

    /// `C7` → 2.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for byte in reference.utf8 {
            guard byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") else { break }
            index = index * 26 + Int(byte - UInt8(ascii: "A")) + 1
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : index - 1
    }
}
