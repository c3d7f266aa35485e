/// Terminal columns a text occupies. CJK ideographs and full-width forms take two columns,
/// combining marks none, so that tables mixing Chinese and ASCII line up.
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        // Most cells are printable ASCII: one column a byte, with no scalar to look up.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        // No combining mark or format character comes before U+0300 but the soft hyphen, which
        // terminals show, and the CJK ideographs hold none: so Latin and Chinese text need no
        // table lookup.
        if value < 0x300 { return 1 }
        if (0x4E00...0x9FFF).contains(value) { return 2 }
        if isZeroWidth(scalar) { return 0 }
        return isWide(value) ? 2 : 1
    }

    /// Combining and enclosing marks (Mn, Me: the accent of "é" spelled e + U+0301) and invisible
    /// format characters (Cf: zero-width spaces and joiners), as wcwidth counts them; the soft
    /// hyphen, which terminals show, excepted. Hangul medial and final jamo join the syllable
    /// before them.
    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        if (0x1160...0x11FF).contains(scalar.value) { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return true
        case .format: return scalar.value != 0xAD
        default: return false
        }
    }

    /// East Asian Wide and Fullwidth blocks (Unicode UAX #11), the ones Chinese text uses.
    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Pads `text` with spaces to `width` columns, on the right or (for numbers) on the left.
    public static func pad(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - of(text)))
        return alignRight ? padding + text : text + padding
    }
}
