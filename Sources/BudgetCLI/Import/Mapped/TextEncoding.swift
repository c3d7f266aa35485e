import BudgetText
#if canImport(Glibc)
import Glibc
#endif

/// The encoding of a text file people have: UTF-8 (with or without a byte-order mark), or
/// GB18030, in which Excel and WPS save CSV on Chinese Windows (it contains GBK and GB2312).
enum TextEncoding: Equatable {
    case utf8
    case gb18030

    init?(name: String) {
        switch name.lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "gb18030", "gbk", "gb2312", "cp936": self = .gb18030
        default: return nil
        }
    }

    /// UTF-8 when the bytes begin with its byte-order mark or are valid UTF-8 throughout; else
    /// GB18030. (Chinese text in GB18030 is practically never valid UTF-8.)
    static func detect(_ bytes: [UInt8]) -> TextEncoding {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8 }
        return String(validating: bytes, as: UTF8.self) != nil ? .utf8 : .gb18030
    }

    /// The text of `bytes` as UTF-8, without a byte-order mark; or why it cannot be read, naming the line.
    func utf8(_ bytes: [UInt8]) -> Result<[UInt8], RowProblem> {
        switch self {
        case .utf8:
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
            guard String(validating: body, as: UTF8.self) == nil else { return .success(body) }
            let line = Self.lineOfFirstInvalidUTF8(body)
            return .failure(RowProblem(line: line, reason: Message(.isNotValidUTFIf)))
        case .gb18030:
            return Self.convert(bytes, from: "GB18030")
        }
    }

    static func lineOfFirstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            if String(validating: bytes[start..<index], as: UTF8.self) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }

    /// `bytes` converted to UTF-8 by glibc's iconv.
    static func convert(_ bytes: [UInt8], from encoding: String) -> Result<[UInt8], RowProblem> {
        let converter = iconv_open("UTF-8", encoding)
        guard converter != iconv_t(bitPattern: -1) else { return .failure(RowProblem(line: 1, reason: Message(.thisSystemSIconvCannot, encoding))) }
        defer { iconv_close(converter) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var inputLeft = input.count, outputLeft = output.count
        let failure: Int32? = input.withUnsafeMutableBytes { inBytes in
            output.withUnsafeMutableBytes { outBytes in
                var inPointer = inBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outPointer = outBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                return iconv(converter, &inPointer, &inputLeft, &outPointer, &outputLeft) == -1 ? errno : nil
            }
        }
        if failure != nil {
            let offset = bytes.count - inputLeft
            let line = bytes[..<offset].filter { $0 == 0x0A }.count + 1
            return .failure(RowProblem(line: line, reason: Message(.isNotValidAtByte, encoding, offset)))
        }
        return .success(Array(output[..<(output.count - outputLeft)]))
    }
}
