import BudgetText

/// Strings, numbers and literals: the leaves of the grammar, where nearly all the bytes of a
/// journal line are spent, so these loops stay on raw pointers.
extension JSONByteParser {
    /// Reads a string starting at its opening quote. Runs of plain bytes are validated in place
    /// and copied in one piece; only strings with escapes are assembled in `scratch`.
    mutating func parseString() throws -> String {
        let quote = i
        i += 1
        var runStart = i
        var escaped = false
        while true {
            while i < end {
                let byte = p[i]
                if byte < 0x80 {
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                    i += 1
                } else {
                    try skipUTF8Sequence()
                }
            }
            // Checked at every stop, so `scratch` never grows far past the limit.
            if (escaped ? scratch.count : 0) + (i - runStart) > limits.stringBytesMax {
                throw failure(quote, Message(.stringLongerThanBytes, limits.stringBytesMax))
            }
            guard i < end else { throw failure(quote, Message(.unterminatedString)) }
            let run = UnsafeBufferPointer(start: p + runStart, count: i - runStart)
            switch p[i] {
            case UInt8(ascii: "\""):
                i += 1
                if !escaped { return String(decoding: run, as: UTF8.self) }
                scratch.append(contentsOf: run)
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                if !escaped {
                    escaped = true
                    scratch.removeAll(keepingCapacity: true)
                }
                scratch.append(contentsOf: run)
                try decodeEscape(quote: quote)
                runStart = i
            default:
                throw failure(i, Message(.controlCharacterInString))
            }
        }
    }

    /// Validates one multi-byte UTF-8 sequence at `i` (RFC 3629 table 4) and steps over it. The
    /// narrowed second-byte ranges are what exclude overlongs, UTF-16 surrogates and code points
    /// above U+10FFFF.
    @inline(__always)
    private mutating func skipUTF8Sequence() throws {
        let lead = p[i]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw failure(i, Message(.invalidUTF))
        }
        guard end - i >= length else { throw failure(i, Message(.invalidUTF)) }
        let second = p[i + 1]
        guard second >= low && second <= high else { throw failure(i, Message(.invalidUTF)) }
        var k = 2
        while k < length {
            guard p[i + k] & 0xC0 == 0x80 else { throw failure(i, Message(.invalidUTF)) }
            k += 1
        }
        i += length
    }

    /// Decodes the escape at `i` (a backslash) into `scratch`.
    private mutating func decodeEscape(quote: Int) throws {
        let backslash = i
        guard end - i >= 2 else { throw failure(quote, Message(.unterminatedString)) }
        let decoded: UInt8
        switch p[i + 1] {
        case UInt8(ascii: "\""): decoded = 0x22
        case UInt8(ascii: "\\"): decoded = 0x5C
        case UInt8(ascii: "/"): decoded = 0x2F
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"):
            i += 2
            var scalar = try readHex4(backslash: backslash)
            switch scalar {
            case 0xD800...0xDBFF:
                // A high surrogate counts only together with the low one in the very next escape.
                guard end - i >= 6, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u") else {
                    throw failure(backslash, Message(.loneSurrogate))
                }
                i += 2
                let low = try readHex4(backslash: i - 2)
                guard (0xDC00...0xDFFF).contains(low) else { throw failure(backslash, Message(.loneSurrogate)) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            case 0xDC00...0xDFFF:
                throw failure(backslash, Message(.loneSurrogate))
            default:
                break
            }
            appendUTF8(scalar)
            return
        default:
            throw failure(backslash, Message(.invalidEscape))
        }
        scratch.append(decoded)
        i += 2
    }

    /// Reads the four hex digits at `i`; `backslash` is where the escape began, for the error.
    private mutating func readHex4(backslash: Int) throws -> UInt32 {
        guard end - i >= 4 else { throw failure(backslash, Message(.invalidUEscape)) }
        var value: UInt32 = 0
        for k in 0..<4 {
            let byte = p[i + k]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte &- UInt8(ascii: "A") &+ 10
            default: throw failure(backslash, Message(.invalidUEscape))
            }
            value = value << 4 | UInt32(digit)
        }
        i += 4
        return value
    }

    /// Callers have already excluded surrogates, so every value here is a scalar.
    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Reads `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` and returns it verbatim.
    /// Nothing is converted: amounts are decided by whoever reads the literal.
    mutating func parseNumber() throws -> String {
        let start = i
        if p[i] == UInt8(ascii: "-") { i += 1 }
        var digits = 0
        if i < end && p[i] == UInt8(ascii: "0") {
            i += 1
            digits = 1
            if i < end && isDigit(p[i]) { throw failure(i - 1, Message(.leadingZero)) }
        } else {
            digits = try requireDigits()
        }
        if i < end && p[i] == UInt8(ascii: ".") {
            i += 1
            digits += try requireDigits()
        }
        if i < end && (p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E")) {
            i += 1
            if i < end && (p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-")) { i += 1 }
            digits += try requireDigits()
        }
        if digits > limits.numberDigitsMax {
            throw failure(start, Message(.numberLongerThanDigits, limits.numberDigitsMax))
        }
        return String(decoding: UnsafeBufferPointer(start: p + start, count: i - start), as: UTF8.self)
    }

    /// Steps over one or more digits, returning how many.
    private mutating func requireDigits() throws -> Int {
        let start = i
        while i < end && isDigit(p[i]) { i += 1 }
        if i == start { throw failure(i, Message(.expectedDigit)) }
        return i - start
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    mutating func expectLiteral(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard end - i >= count else { throw failure(i, Message(.invalidLiteral)) }
        let expected = word.utf8Start
        for k in 0..<count where p[i + k] != expected[k] {
            throw failure(i, Message(.invalidLiteral))
        }
        i += count
    }
}
