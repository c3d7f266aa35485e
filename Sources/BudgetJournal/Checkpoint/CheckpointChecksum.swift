import BudgetModel

extension Checkpoint {
    /// The checkpoint's own checksum: FNV-1a's step over 64-bit little-endian words in four
    /// interleaved lanes (then the tail byte by byte), folded together. A byte at a time, a
    /// checkpoint holding a million keys took longer to check than the rest of a command.
    static func fileChecksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        let prime: UInt64 = 0x100_0000_01b3
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (0xcbf2_9ce4_8422_2325, 0x84222325cbf29ce4, 0x9ce4cbf284222325, 0x2325cbf29ce48422)
        var tail: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBytes { raw in
            let words = raw.count / 32 * 4
            var index = 0
            while index < words {
                let at = raw.baseAddress! + index * 8
                lanes.0 = (lanes.0 ^ UInt64(littleEndian: at.loadUnaligned(as: UInt64.self))) &* prime
                lanes.1 = (lanes.1 ^ UInt64(littleEndian: at.loadUnaligned(fromByteOffset: 8, as: UInt64.self))) &* prime
                lanes.2 = (lanes.2 ^ UInt64(littleEndian: at.loadUnaligned(fromByteOffset: 16, as: UInt64.self))) &* prime
                lanes.3 = (lanes.3 ^ UInt64(littleEndian: at.loadUnaligned(fromByteOffset: 24, as: UInt64.self))) &* prime
                index += 4
            }
            for byte in raw[(words * 8)...] { tail = (tail ^ UInt64(byte)) &* prime }
        }
        var folded = tail
        for lane in [lanes.0, lanes.1, lanes.2, lanes.3] { folded = (folded ^ lane) &* prime }
        return folded ^ UInt64(bytes.count)
    }

    /// FNV-1a, 64 bits.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBufferPointer { Fingerprint.of(utf8: $0) }
    }

    static func hex16(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
