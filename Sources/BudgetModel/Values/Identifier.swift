import BudgetText

/// Ids of projects, indicators and events are short ASCII words, so that they are safe in
/// file names, shell scripts and every output format without quoting.
public enum Identifier {
    /// Nil when `text` is a valid id, else the reason it is not.
    public static func problem(with text: String) -> Message? {
        var text = text
        return text.withUTF8 { problem(utf8: $0) }
    }

    /// As `problem(with:)`, from the identifier's bytes.
    public static func problem(utf8 text: UnsafeBufferPointer<UInt8>) -> Message? {
        if text.isEmpty { return Message(.isEmpty3) }
        if text.count > Limits.idBytesMax { return Message(.isLongerThanBytes, Limits.idBytesMax) }
        if !allowsEveryByte(text) { return Message(.mayHoldOnlyASCIILetters) }
        if text[0] == UInt8(ascii: "-") { return Message(.mustNotStartWith) }
        return nil
    }

    /// Whether `problem(utf8:)` finds none, without making its message: a read of a journal
    /// asks it of every client key, a million times.
    public static func isWellFormed(utf8 text: UnsafeBufferPointer<UInt8>) -> Bool {
        !text.isEmpty && text.count <= Limits.idBytesMax && allowsEveryByte(text) && text[0] != UInt8(ascii: "-")
    }

    /// ASCII letters, digits, `-`, `_` and `.`: one look-up a byte.
    private static func allowsEveryByte(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        allowedBytes.withUnsafeBufferPointer { allowed in
            var every: UInt8 = 1
            for byte in text { every &= allowed[Int(byte)] }
            return every == 1
        }
    }

    /// 1 for each byte an id may hold, else 0.
    private static let allowedBytes: [UInt8] = (0...255).map { value in
        let byte = UInt8(value)
        let allowed = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        return allowed ? 1 : 0
    }
}

/// Free text (names, targets, memos) is bounded and single-line, and shows what it says: no
/// character that could break a line, move a terminal's cursor, or reorder the text around it.
public enum FreeText {
    /// Why `text` may not be written: too long, a control character, or a character that changes
    /// how text is shown (C1 controls such as the 8-bit CSI U+009B, the line and paragraph
    /// separators, the bidirectional marks, embeddings, overrides and isolates), named by its
    /// code point.
    public static func problem(with text: String) -> Message? {
        if let problem = readProblem(with: text) { return problem }
        guard mayHoldDeceptive(text) else { return nil }
        for scalar in text.unicodeScalars where isDeceptive(scalar) {
            return Message(.containsWhichChangesHowText, name(of: scalar))
        }
        return nil
    }

    /// Why a text read from a journal is refused: the rule journals were always written by
    /// (bounded, no C0 control and no DEL). Characters refused at the door since are accepted
    /// here, so that journals written before stay readable; terminals show them escaped.
    public static func readProblem(with text: String) -> Message? {
        if text.utf8.count > Limits.textBytesMax { return Message(.isLongerThanBytes, Limits.textBytesMax) }
        // Every control character of this rule is a single byte in UTF-8, and no byte of a
        // longer sequence is below 0x80: the bytes can be looked at directly.
        // Over the text's bytes where they lie: a journal's read checks every text of every line.
        let hasControl = text.utf8.withContiguousStorageIfAvailable { bytes in bytes.contains { $0 < 0x20 || $0 == 0x7F } }
            ?? text.utf8.contains { $0 < 0x20 || $0 == 0x7F }
        if hasControl {
            return Message(.containsControlCharacterSuchAs)
        }
        return nil
    }

    /// A character refused at the door and shown escaped: a C1 control, U+2028/U+2029, or a
    /// bidirectional mark, embedding, override or isolate.
    public static func isDeceptive(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x80...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }

    /// Whether `text` holds a byte that can begin such a character (C2, D8, E2 in UTF-8): most
    /// texts hold none, and need no closer look.
    public static func mayHoldDeceptive(_ text: String) -> Bool {
        // Over the bytes where they lie, as `readProblem`: a batch's encoder checks every payee
        // and memo, and the generic view's loop was a tenth of its time.
        func lead(_ byte: UInt8) -> Bool { byte == 0xC2 || byte == 0xD8 || byte == 0xE2 }
        return text.utf8.withContiguousStorageIfAvailable { $0.contains(where: lead) } ?? text.utf8.contains(where: lead)
    }

    /// "U+202E (RIGHT-TO-LEFT OVERRIDE)".
    public static func name(of scalar: Unicode.Scalar) -> Message {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let names: [UInt32: String] = [
            0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR", 0x202A: "LEFT-TO-RIGHT EMBEDDING",  // not prose: Unicode's own character names
            0x202B: "RIGHT-TO-LEFT EMBEDDING", 0x202C: "POP DIRECTIONAL FORMATTING", 0x202D: "LEFT-TO-RIGHT OVERRIDE",  // not prose: Unicode's own character names
            0x202E: "RIGHT-TO-LEFT OVERRIDE", 0x2066: "LEFT-TO-RIGHT ISOLATE", 0x2067: "RIGHT-TO-LEFT ISOLATE",  // not prose: Unicode's own character names
            0x2068: "FIRST STRONG ISOLATE", 0x2069: "POP DIRECTIONAL ISOLATE", 0x200E: "LEFT-TO-RIGHT MARK",  // not prose: Unicode's own character names
            0x200F: "RIGHT-TO-LEFT MARK", 0x061C: "ARABIC LETTER MARK", 0xFEFF: "BYTE ORDER MARK",  // not prose: Unicode's own character names
        ]
        let name = names[scalar.value].map { Message(verbatim: $0) } ?? ((0x80...0x9F).contains(scalar.value) ? Message(.cControlCharacter) : nil)
        return name.map { Message(verbatim: code + " (") + $0 + ")" } ?? Message(verbatim: code)
    }
}
