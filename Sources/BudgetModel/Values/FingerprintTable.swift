/// A table keyed by 64-bit fingerprints (see `Fingerprint`), for the texts a reader meets again
/// and again (a payee, a project id): open addressing, the slot taken from the fingerprint's
/// bits. A `Dictionary` would hash each key once more with SipHash, which cost a read of a
/// million lines a tenth of its instructions; a fingerprint is already a hash.
public struct FingerprintTable<Value> {
    @usableFromInline var keys: [UInt64]
    /// 0 for an empty slot, else the index in `values` plus one.
    @usableFromInline var slots: [Int32]
    @usableFromInline var values: [Value] = []
    @usableFromInline var shift: UInt64

    @inlinable
    public init() {
        keys = [UInt64](repeating: 0, count: 16)
        slots = [Int32](repeating: 0, count: 16)
        shift = 64 - 4
    }

    public var count: Int { values.count }

    /// The slot of `fingerprint`, or of the empty slot where it would go.
    @inlinable
    func slot(of fingerprint: UInt64) -> Int {
        // Fibonacci hashing: the top bits of the product mix every bit of the fingerprint.
        var slot = Int(truncatingIfNeeded: (fingerprint &* 0x9E37_79B9_7F4A_7C15) >> shift)
        let mask = slots.count - 1
        while slots[slot] != 0 && keys[slot] != fingerprint { slot = (slot + 1) & mask }
        return slot
    }

    @inlinable
    public subscript(fingerprint: UInt64) -> Value? {
        let slot = slot(of: fingerprint)
        return slots[slot] == 0 ? nil : values[Int(slots[slot]) - 1]
    }

    /// Sets the value of `fingerprint`, replacing any.
    @inlinable
    public mutating func set(_ value: Value, for fingerprint: UInt64) {
        let found = slot(of: fingerprint)
        if slots[found] != 0 { values[Int(slots[found]) - 1] = value; return }
        precondition(values.count < Int(Int32.max), "a fingerprint table holds fewer than 2^31 values")
        values.append(value)
        keys[found] = fingerprint
        slots[found] = Int32(values.count)
        // At most half full, so that a probe ends soon.
        if values.count * 2 > slots.count { grow() }
    }

    @usableFromInline
    mutating func grow() {
        let old = (keys, slots)
        keys = [UInt64](repeating: 0, count: old.1.count * 2)
        slots = [Int32](repeating: 0, count: old.1.count * 2)
        shift -= 1
        for index in old.1.indices where old.1[index] != 0 {
            let slot = slot(of: old.0[index])
            keys[slot] = old.0[index]
            slots[slot] = old.1[index]
        }
    }
}
