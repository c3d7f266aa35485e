/// A SHA-256 digest: 32 bytes.
///
/// Equality is an ordinary byte comparison, not constant-time: the journal uses
/// digests to detect tampering and corruption, never to check secrets.
public struct SHA256Digest: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Always exactly 32 bytes.
    public let bytes: [UInt8]

    /// Only the hasher and this file build digests from raw bytes, so the length
    /// invariant holds by construction; the check guards against future misuse.
    init(uncheckedBytes bytes: [UInt8]) {
        precondition(bytes.count == 32, "a SHA-256 digest is 32 bytes")
        self.bytes = bytes
    }

    /// Parses 64 hexadecimal characters, in either case. Returns nil for any
    /// other length or for a character that is not a hex digit.
    public init?(hex: String) {
        let utf8 = hex.utf8
        guard utf8.count == 64 else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(32)
        var high: UInt8? = nil
        for character in utf8 {
            guard let nibble = SHA256Digest.nibble(character) else { return nil }
            if let h = high {
                bytes.append(h << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        self.init(uncheckedBytes: bytes)
    }

    /// 64 lowercase hexadecimal characters, the form written into the journal.
    public var hex: String {
        // Journals format a digest per line, so build the text in one pass on the
        // stack instead of through `String(format:)` or per-byte concatenation.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            let digits: StaticString = "0123456789abcdef"
            let table = digits.utf8Start
            for (i, byte) in bytes.enumerated() {
                buffer[2 &* i] = table[Int(byte &>> 4)]
                buffer[2 &* i &+ 1] = table[Int(byte & 0x0f)]
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[0 ..< 64]), as: UTF8.self)
        }
    }

    public var description: String { hex }

    /// All zero bytes: the "previous hash" of the first entry in a chain.
    public static let zero = SHA256Digest(uncheckedBytes: [UInt8](repeating: 0, count: 32))

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0") ... UInt8(ascii: "9"): return c &- UInt8(ascii: "0")
        case UInt8(ascii: "a") ... UInt8(ascii: "f"): return c &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A") ... UInt8(ascii: "F"): return c &- UInt8(ascii: "A") &+ 10
        default: return nil
        }
    }
}
