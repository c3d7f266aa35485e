/// CRC-32 as ZIP (and gzip, PNG, Ethernet) define it: the IEEE 802.3 polynomial in its reflected
/// form 0xEDB88320, initial value and final XOR 0xFFFFFFFF.
///
/// ZIP readers refuse an entry whose stored CRC differs from the bytes, so this must be exact;
/// the tests check the published check values ("123456789" → 0xCBF43926).
public enum CRC32 {
    /// One entry per byte value: the CRC of that byte alone, so the loop below does one table
    /// look-up per input byte instead of eight shift-and-xor steps.
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 {
            value = (value & 1) != 0 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1
        }
        return value
    }

    /// The CRC-32 of `bytes`; 0 for no bytes.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        update(0, with: bytes)
    }

    /// Continues a checksum over more bytes: `update(checksum(a), with: b) == checksum(a + b)`.
    /// Kept so a caller can checksum a part written in pieces without joining them first.
    public static func update(_ crc: UInt32, with bytes: [UInt8]) -> UInt32 {
        var value = ~crc
        table.withUnsafeBufferPointer { table in
            for byte in bytes {
                value = table[Int((value ^ UInt32(byte)) & 0xFF)] ^ (value >> 8)
            }
        }
        return ~value
    }
}
