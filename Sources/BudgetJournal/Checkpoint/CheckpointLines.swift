#if canImport(Glibc)
import Glibc
#endif

/// The checkpoint's text records, read without allocating.
extension Checkpoint {
    /// The lines of a buffer, found with memchr, without an array of them.
    struct LineSequence {
        let bytes: ArraySlice<UInt8>
        var index: Int

        init(bytes: ArraySlice<UInt8>) { self.bytes = bytes; index = bytes.startIndex }

        mutating func next() -> ArraySlice<UInt8>? {
            guard index < bytes.endIndex else { return nil }
            let end = bytes.withUnsafeBytes { buffer -> Int in
                let start = index - bytes.startIndex
                guard let found = memchr(buffer.baseAddress! + start, 0x0A, buffer.count - start) else { return bytes.endIndex }
                return bytes.startIndex + (UnsafeRawPointer(found) - buffer.baseAddress!)
            }
            defer { index = end + 1 }
            return bytes[index..<end]
        }
    }

    /// Tab-separated fields of one line, without allocating.
    struct FieldCursor {
        let line: ArraySlice<UInt8>
        var index: Int

        init(line: ArraySlice<UInt8>) { self.line = line; index = line.startIndex }

        var atEnd: Bool { index > line.endIndex }

        mutating func next() -> ArraySlice<UInt8>? {
            guard index <= line.endIndex else { return nil }
            var end = index
            while end < line.endIndex && line[end] != 0x09 { end += 1 }
            defer { index = end + 1 }
            return line[index..<end]
        }
    }
}
