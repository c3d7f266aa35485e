/// A stable 64-bit fingerprint of a text: FNV-1a over its UTF-8 bytes. Swift's own `Hasher` is
/// seeded per process, so it cannot be stored or compared across runs. A match only names a
/// candidate, which the caller then compares in full, so a fast hash is enough.
public enum Fingerprint {
    public static func of(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { of(utf8: $0) }
    }

    @inlinable
    public static func of(utf8 bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
