/// HMAC-SHA-256 (RFC 2104, tested against the vectors of RFC 4231): a message authenticated by
/// a secret key, so that whoever can change the message but not read the key cannot make the
/// authentication agree.
public enum HMAC {
    static let blockBytes = 64

    public static func authenticate(_ message: UnsafeRawBufferPointer, key: [UInt8]) -> SHA256Digest {
        // A key longer than a block is hashed first, as the RFC says.
        var block = key.count > blockBytes ? key.withUnsafeBytes { Array(SHA256.hash($0).bytes) } : key
        block += [UInt8](repeating: 0, count: blockBytes - block.count)
        var inner = SHA256()
        (block.map { $0 ^ 0x36 }).withUnsafeBytes { inner.update($0) }
        inner.update(message)
        let innerDigest = inner.finalize()
        var outer = SHA256()
        (block.map { $0 ^ 0x5c }).withUnsafeBytes { outer.update($0) }
        Array(innerDigest.bytes).withUnsafeBytes { outer.update($0) }
        return outer.finalize()
    }

    public static func authenticate(_ message: [UInt8], key: [UInt8]) -> SHA256Digest {
        message.withUnsafeBytes { authenticate($0, key: key) }
    }
}
