/// Text rules shared by the spreadsheet writers: formula-injection defence and XML escaping.
///
/// Formula injection (OWASP "CSV injection"): a spreadsheet program evaluates a cell whose text
/// starts with `=`, `+`, `-` or `@` (and, after some importers trim it, a tab or carriage return)
/// as a formula, so a project name such as `=HYPERLINK(...)` taken from a journal could run when
/// a report is opened.
/// - In CSV there is no cell type, so the defence is the accepted one: prefix a single quote `'`
///   (`neutralisedForCSV`). The quote is visible in the cell; that is the price of CSV.
/// - In .xlsx every text cell is written as an inline string (`t="inlineStr"`), which a reader
///   never evaluates, so the text is kept as it is. Formula-like text additionally gets a style
///   with `quotePrefix="1"`, which is what Excel itself stores when a person types `'=1+1`: the
///   quote is not shown, and editing the cell and pressing Enter keeps it text.
public enum SpreadsheetText {
    /// The first characters that make a spreadsheet read a cell as a formula. Checked on Unicode
    /// scalars, not Characters: "\r\n" is one Character in Swift and would not equal "\r".
    static let formulaTriggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// True when `text` starts with `=`, `+`, `-`, `@`, a tab or a carriage return.
    public static func isFormulaLike(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return formulaTriggers.contains(first)
    }

    /// `text` with a leading `'` when it is formula-like, else `text` unchanged.
    ///
    /// For CSV writers, applied to text fields before quoting. Do not apply it to numbers the
    /// writer formats itself: `-12.50` would become the text `'-12.50`.
    public static func neutralisedForCSV(_ text: String) -> String {
        isFormulaLike(text) ? "'" + text : text
    }

    /// True for characters XML 1.0 cannot carry at all (most C0 controls, U+FFFE, U+FFFF), and
    /// for the other control characters (DEL, C1), which are legal but never meant in a report.
    /// Tab, line feed and carriage return are kept.
    static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }

    /// `text` made safe as XML element content of a cell (`<t>`).
    ///
    /// - `& < > " '` become entities; `"` and `'` need not be escaped in content but doing it
    ///   costs nothing and keeps one rule for every place.
    /// - Control characters other than tab, LF and CR are removed (see `isRemoved`).
    /// - CR becomes `&#13;`: a literal CR would be turned into LF by every XML parser.
    /// - An underscore that begins `_xHHHH_` is written `_x005F_`: SpreadsheetML (ECMA-376
    ///   ST_Xstring) decodes `_xHHHH_` to a character, so a literal `_x0041_` in a project's
    ///   text would otherwise show as `A` in Excel and LibreOffice.
    static func xmlText(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var escaped = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if isRemoved(scalar) { continue }
            switch scalar {
            case "&": escaped.append(contentsOf: "&amp;".unicodeScalars)
            case "<": escaped.append(contentsOf: "&lt;".unicodeScalars)
            case ">": escaped.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": escaped.append(contentsOf: "&quot;".unicodeScalars)
            case "'": escaped.append(contentsOf: "&apos;".unicodeScalars)
            case "\r": escaped.append(contentsOf: "&#13;".unicodeScalars)
            case "_" where startsEscapeSequence(scalars, at: index - 1):
                escaped.append(contentsOf: "_x005F_".unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }

    /// `text` made safe inside a double- or single-quoted XML attribute. Tab, LF and CR are
    /// written as character references because parsers turn literal ones into spaces there.
    static func xmlAttribute(_ text: String) -> String {
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isRemoved(scalar) {
            switch scalar {
            case "&": escaped.append(contentsOf: "&amp;".unicodeScalars)
            case "<": escaped.append(contentsOf: "&lt;".unicodeScalars)
            case ">": escaped.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": escaped.append(contentsOf: "&quot;".unicodeScalars)
            case "'": escaped.append(contentsOf: "&apos;".unicodeScalars)
            case "\t": escaped.append(contentsOf: "&#9;".unicodeScalars)
            case "\n": escaped.append(contentsOf: "&#10;".unicodeScalars)
            case "\r": escaped.append(contentsOf: "&#13;".unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }

    /// True when `scalars[start...]` reads `_xHHHH_` with four hexadecimal digits.
    private static func startsEscapeSequence(_ scalars: [Unicode.Scalar], at start: Int) -> Bool {
        guard start + 6 < scalars.count, scalars[start] == "_",
              scalars[start + 1] == "x" || scalars[start + 1] == "X", scalars[start + 6] == "_" else { return false }
        return scalars[(start + 2)...(start + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    /// The length Excel measures text in: UTF-16 code units (an emoji counts 2).
    static func excelLength(_ text: String) -> Int { text.utf16.count }
}
