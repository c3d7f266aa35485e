/// Ids of projects, indicators and events are short ASCII words, so that they are safe in
/// file names, shell scripts and every output format without quoting.
public enum Identifier {
    /// Nil when `text` is a valid id, else the reason it is not.
    public static func problem(with text: String) -> String? {
        var text = text
        return text.withUTF8 { problem(utf8: $0) }
    }

    /// As `problem(with:)`, from the identifier's bytes.
    public static func problem(utf8 text: UnsafeBufferPointer<UInt8>) -> String? {
        if text.isEmpty { return "is empty" }
        if text.count > Limits.idBytesMax { return "is longer than \(Limits.idBytesMax) bytes" }
        let allowed = text.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
        if !allowed { return "may hold only ASCII letters, digits, '-', '_' and '.'" }
        if text[0] == UInt8(ascii: "-") { return "must not start with '-'" }
        return nil
    }
}

/// Free text (names, targets, memos) is bounded and single-line, so that every line of the
/// journal and every cell of a table stays one line.
public enum FreeText {
    public static func problem(with text: String) -> String? {
        if text.utf8.count > Limits.textBytesMax { return "is longer than \(Limits.textBytesMax) bytes" }
        // Every control character of this rule is a single byte in UTF-8, and no byte of a
        // longer sequence is below 0x80: the bytes can be looked at directly.
        if text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            return "contains a control character such as a newline"
        }
        return nil
    }
}
