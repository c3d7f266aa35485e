/// A SHA-256 digest: 32 bytes.
///
/// The bytes are kept inline, as four words in memory order, rather than in an array: a journal
/// read makes two digests per line, and a heap allocation for each was a tenth of the read.
/// Equality is an ordinary comparison, not constant-time: the journal uses digests to detect
/// tampering and corruption, never to check secrets.
public struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
    /// The 32 bytes, in order, as the memory of four words.
    @usableFromInline let storage: (UInt64, UInt64, UInt64, UInt64)

    /// Builds a digest from exactly 32 bytes in memory.
    @inlinable
    init(rawBytes: UnsafeRawBufferPointer) {
        precondition(rawBytes.count == 32, "a SHA-256 digest is 32 bytes")
        storage = (rawBytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self), rawBytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                   rawBytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self), rawBytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
    }

    /// Only the hasher and this file build digests from raw bytes, so the length
    /// invariant holds by construction; the check guards against future misuse.
    init(uncheckedBytes bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { SHA256Digest(rawBytes: $0) }
    }

    /// Always exactly 32 bytes.
    public var bytes: [UInt8] { withUnsafeBytes(of: storage) { [UInt8]($0) } }

    public static func == (a: SHA256Digest, b: SHA256Digest) -> Bool {
        a.storage.0 == b.storage.0 && a.storage.1 == b.storage.1 && a.storage.2 == b.storage.2 && a.storage.3 == b.storage.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.0); hasher.combine(storage.1); hasher.combine(storage.2); hasher.combine(storage.3)
    }

    /// Parses 64 hexadecimal characters, in either case. Returns nil for any
    /// other length or for a character that is not a hex digit.
    public init?(hex: String) {
        var hex = hex
        guard let digest = hex.withUTF8({ SHA256Digest(hexBytes: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = digest
    }

    /// Parses 64 hexadecimal characters straight from a line's bytes, with no String between.
    public init?(hexBytes hex: UnsafeRawBufferPointer) {
        guard hex.count == 64 else { return nil }
        var bytes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let parsed = withUnsafeMutableBytes(of: &bytes) { out -> Bool in
            for index in 0..<32 {
                guard let high = SHA256Digest.nibble(hex[2 &* index]), let low = SHA256Digest.nibble(hex[2 &* index &+ 1]) else { return false }
                out[index] = high << 4 | low
            }
            return true
        }
        guard parsed else { return nil }
        storage = bytes
    }

    /// Parses exactly 64 lowercase hexadecimal characters: the only spelling the journal
    /// accepts, so that a line has one valid form. Table-driven, since it runs twice a line.
    public init?(lowercaseHexBytes hex: UnsafeRawBufferPointer) {
        guard hex.count == 64 else { return nil }
        var bytes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        let parsed = withUnsafeMutableBytes(of: &bytes) { out -> Bool in
            SHA256Digest.lowercaseNibbles.withUnsafeBufferPointer { table in
                var invalid: UInt8 = 0
                for index in 0..<32 {
                    let high = table[Int(hex[2 &* index])], low = table[Int(hex[2 &* index &+ 1])]
                    invalid |= (high | low) & 0xF0
                    out[index] = high << 4 | (low & 0x0F)
                }
                return invalid == 0
            }
        }
        guard parsed else { return nil }
        storage = bytes
    }

    /// The value of each lowercase hex digit; 0xFF for every other byte.
    private static let lowercaseNibbles: [UInt8] = (0...255).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "0") ... UInt8(ascii: "9"): return UInt8(byte) - UInt8(ascii: "0")
        case UInt8(ascii: "a") ... UInt8(ascii: "f"): return UInt8(byte) - UInt8(ascii: "a") + 10
        default: return 0xFF
        }
    }

    /// 64 lowercase hexadecimal characters, the form written into the journal.
    public var hex: String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            writeHex(to: UnsafeMutableRawPointer(buffer.baseAddress!))
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[0 ..< 64]), as: UTF8.self)
        }
    }

    /// The 64 lowercase hex digits at `out`, eight at a time, spelled in a word as `isSpelled`
    /// reads them: a table lookup for every byte took a fifth of chaining a batch's lines.
    func writeHex(to out: UnsafeMutableRawPointer) {
        withUnsafeBytes(of: storage) { raw in
            for group in 0..<8 {
                let bytes = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: group &* 4, as: UInt32.self)))
                out.storeBytes(of: Self.hexDigits(bytes).littleEndian, toByteOffset: group &* 8, as: UInt64.self)
            }
        }
    }

    /// Whether the 64 bytes at `text` are this digest's lowercase hex digits: each four bytes
    /// spelled as eight digits at once in a word and compared with the written word. A read
    /// settles every intact line this way, a million times.
    func isSpelled(at text: UnsafeRawPointer) -> Bool {
        withUnsafeBytes(of: storage) { raw in
            for group in 0..<8 {
                let bytes = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: group &* 4, as: UInt32.self)))
                guard Self.hexDigits(bytes) == UInt64(littleEndian: text.loadUnaligned(fromByteOffset: group &* 8, as: UInt64.self))
                else { return false }
            }
            return true
        }
    }

    /// The eight lowercase hex digits of the four bytes in `bytes` (the first lowest), the first
    /// digit lowest: each byte moved to its own 16 bits, its nibbles to their own bytes, and each
    /// nibble made a digit, '0' + n below 10 and 'a' + n − 10 from 10 (no byte carries into the next).
    @inline(__always)
    static func hexDigits(_ bytes: UInt64) -> UInt64 {
        var spread = (bytes | bytes << 16) & 0x0000_FFFF_0000_FFFF
        spread = (spread | spread << 8) & 0x00FF_00FF_00FF_00FF
        let nibbles = (spread >> 4) & 0x000F_000F_000F_000F | (spread & 0x000F_000F_000F_000F) << 8
        let letters = ((nibbles &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101
        return nibbles &+ 0x3030_3030_3030_3030 &+ letters &* 0x27
    }

    public var description: String { hex }

    /// All zero bytes: the "previous hash" of the first entry in a chain.
    public static let zero = SHA256Digest(uncheckedBytes: [UInt8](repeating: 0, count: 32))

    @inline(__always)
    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0") ... UInt8(ascii: "9"): return c &- UInt8(ascii: "0")
        case UInt8(ascii: "a") ... UInt8(ascii: "f"): return c &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A") ... UInt8(ascii: "F"): return c &- UInt8(ascii: "A") &+ 10
        default: return nil
        }
    }
}
