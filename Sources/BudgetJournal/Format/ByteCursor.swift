import BudgetJSON

/// Where bytes go: an array grown as they come, or a cursor into room made beforehand. The
/// writers of dates and amounts serve both.
protocol ByteSink {
    mutating func append(_ byte: UInt8)
    mutating func append(contentsOf bytes: UnsafeRawBufferPointer)
    /// `value`'s last `count` decimal digits (zeros on the left when it has fewer), at most 24.
    mutating func appendDigits(of value: UInt64, count: Int)
}

extension Array: ByteSink where Element == UInt8 {
    mutating func appendDigits(of value: UInt64, count: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            let end = buffer.baseAddress! + 24
            DecimalDigits.write(value, count: count, endingAt: end)
            append(contentsOf: UnsafeRawBufferPointer(start: end - count, count: count))
        }
    }
}

/// Writes through a pointer into room made for the bytes beforehand (see
/// `PaymentLineWriter.bytesMax`). A batch writes twenty-odd pieces a line: appended to an
/// array, each checked its room and its uniqueness, they were a fifth of encoding. Each write
/// is still checked against the room's end, before it is made: a bound that fell short stops
/// the command, and writes nothing past the room. Its writes are inlined: fourteen literals a
/// line, each a call to `memmove` of a length the caller's literal fixes, were a twelfth of an
/// import's encoding.
struct ByteCursor: ByteSink {
    private(set) var at: UnsafeMutablePointer<UInt8>
    let end: UnsafeMutablePointer<UInt8>

    init(_ room: UnsafeMutableBufferPointer<UInt8>) {
        at = room.baseAddress!
        end = room.baseAddress! + room.count
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        precondition(at < end, "a write stays within the room made for it")
        at.initialize(to: byte)
        at += 1
    }

    @inline(__always)
    mutating func append(contentsOf bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        precondition(bytes.count <= end - at, "a write stays within the room made for it")
        at.initialize(from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        at += bytes.count
    }

    @inline(__always)
    mutating func literal(_ text: StaticString) {
        append(contentsOf: UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A text's bytes as they stand, read where they lie.
    @inline(__always)
    mutating func text(_ text: String) {
        let copied = text.utf8.withContiguousStorageIfAvailable { append(contentsOf: UnsafeRawBufferPointer($0)) } != nil
        guard !copied else { return }
        var text = text
        text.withUTF8 { append(contentsOf: UnsafeRawBufferPointer($0)) }
    }

    /// Bytes written since `start`, where the room began.
    func written(since start: UnsafeMutablePointer<UInt8>) -> Int { at - start }

    /// Moves past `count` bytes already written.
    mutating func skip(_ count: Int) {
        precondition(count >= 0 && count <= end - at, "a cursor stays within its room")
        at += count
    }

    /// Written in place, from the last digit back.
    @inline(__always)
    mutating func appendDigits(of value: UInt64, count: Int) {
        precondition(count <= end - at, "a write stays within the room made for it")
        at += count
        DecimalDigits.write(value, count: count, endingAt: at)
    }

    mutating func zeros(_ count: Int) {
        precondition(count <= end - at, "a write stays within the room made for it")
        at.initialize(repeating: 0, count: count)
        at += count
    }

    /// As `JSONWriter.appendQuoted`: a text with nothing to escape, as most are, is copied
    /// whole; one with something is written by `appendQuoted` itself, then copied. Its bytes
    /// are looked at where they lie, a short text's in the String itself (`withUTF8` on a copy
    /// retained it and spilled a short one to the stack: a line's four texts were a sixtieth of
    /// an import), and tested eight at a time.
    mutating func quoted(_ text: String) {
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !Self.mayEscapeAny(bytes) else { return false }
            append(0x22)
            append(contentsOf: UnsafeRawBufferPointer(bytes))
            append(0x22)
            return true
        } ?? false
        guard !copied else { return }
        var escaped: [UInt8] = []
        JSONWriter.appendQuoted(text, to: &escaped)
        escaped.withUnsafeBytes { append(contentsOf: $0) }
    }

    /// Whether any byte of `bytes` is one `JSONWriter.mayEscape` names: below 0x20, `"`, `\`,
    /// or a lead byte of an escaped character (0xC2, 0xD8, 0xE2). Eight bytes a word: a byte
    /// equal to one of these is a zero byte of the word XORed with it, found by the classic
    /// has-zero-byte test, which can flag a byte wrongly only after a true one; bytes below
    /// 0x20 are those whose top three bits are clear.
    static func mayEscapeAny(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        var index = 0
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            // Below 0x20: none of bits 5, 6, 7 set.
            if hasZeroByte(word & (0xE0 &* ones)) || hasZeroByte(word ^ (0x22 &* ones)) || hasZeroByte(word ^ (0x5C &* ones))
                || hasZeroByte(word ^ (0xC2 &* ones)) || hasZeroByte(word ^ (0xD8 &* ones)) || hasZeroByte(word ^ (0xE2 &* ones)) {
                return true
            }
            index += 8
        }
        while index < bytes.count {
            if JSONWriter.mayEscape(base[index]) { return true }
            index += 1
        }
        return false
    }

    /// The most bytes `quoted` writes for `text`: six for a byte escaped as `\u00XX`, and the quotes.
    static func quotedBytesMax(_ text: String) -> Int { 6 * text.utf8.count + 2 }
}
