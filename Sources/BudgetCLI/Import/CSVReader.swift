import Dispatch

/// RFC 4180 CSV, as Excel and WPS write it: an optional UTF-8 byte-order mark, CRLF or LF line
/// ends, fields quoted with `"` where they hold commas, quotes or line breaks. Each record keeps
/// the line number it starts on, so a bad row can be named.
struct CSVReader {
    struct Record: Equatable {
        let line: Int
        let fields: [String]
    }

    struct Failure: Error, Equatable, CustomStringConvertible {
        let line: Int
        let reason: String
        var description: String { "line \(line): \(reason)" }
    }

    /// Bounds that keep a hostile file from using unbounded memory.
    static let fieldBytesMax = 4 * 1024
    static let fieldsMax = 64

    static func records(_ bytes: [UInt8]) throws(Failure) -> [Record] {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        // Without a quote anywhere, no field holds a line break, so the file splits at any line
        // end: large files are read in two halves on both cores.
        guard bytes.count >= 1 << 20, !bytes.contains(UInt8(ascii: "\"")),
              let cut = bytes[(bytes.count / 2)...].firstIndex(of: 0x0A) else {
            return try records(bytes, from: start, to: bytes.count, firstLine: 1)
        }
        let secondLine = 2 + bytes[start..<cut].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        var halves: [Result<[Record], Failure>] = [.success([]), .success([])]
        halves.withUnsafeMutableBufferPointer { slots in
            let slots = slots
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                slots[half] = Result { () throws(Failure) in
                    half == 0 ? try records(bytes, from: start, to: cut + 1, firstLine: 1)
                              : try records(bytes, from: cut + 1, to: bytes.count, firstLine: secondLine)
                }
            }
        }
        return try halves[0].get() + halves[1].get()
    }

    static func records(_ bytes: [UInt8], from start: Int, to end: Int, firstLine: Int) throws(Failure) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var line = firstLine
        var recordLine = firstLine
        var index = start
        func endField() throws(Failure) {
            guard field.count <= fieldBytesMax else { throw Failure(line: line, reason: "a field is longer than \(fieldBytesMax) bytes") }
            guard let text = String(validating: field, as: UTF8.self) else { throw Failure(line: line, reason: "not valid UTF-8") }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
            guard fields.count <= fieldsMax else { throw Failure(line: line, reason: "more than \(fieldsMax) fields") }
        }
        while index < end {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index < end && bytes[index] == UInt8(ascii: "\"") { field.append(byte); index += 1 } else { quoted = false }
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                guard field.isEmpty else { throw Failure(line: line, reason: "a quote inside an unquoted field") }
                quoted = true
            case UInt8(ascii: ","):
                try endField()
            case 0x0D where index < end && bytes[index] == 0x0A:
                continue
            case 0x0A:
                try endField()
                records.append(Record(line: recordLine, fields: fields))
                fields.removeAll(keepingCapacity: true)
                line += 1
                recordLine = line
            default:
                field.append(byte)
            }
        }
        if quoted { throw Failure(line: recordLine, reason: "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty {
            try endField()
            records.append(Record(line: recordLine, fields: fields))
        }
        // Blank lines carry no row: a trailing empty line is common and harmless.
        return records.filter { $0.fields != [""] }
    }
}
