/// Values by a 64-bit fingerprint, in one open-addressed table: a lookup or an insert is a probe
/// or two into two flat arrays, with no hashing beyond the fingerprint's own bits, no allocation
/// and no sorting. Values are a batch's row indices, from 0 to `valueMax`; a fingerprint may hold
/// several (fingerprints rarely collide). Twelve bytes a slot, at most three quarters full: 16 to
/// 32 bytes a value, where a sorted array of (fingerprint, Int64) took 16 and a merge each piece.
public struct FingerprintIndex {
    public static let valueMax = Int(Int32.max)
    private var fingerprints: [UInt64] = []
    /// The value in each slot; -1 marks an empty one.
    private var values: [Int32] = []
    public private(set) var count = 0
    /// Slots in all.
    var capacity: Int { values.count }
    /// A slot's number is the top bits of the fingerprint times an odd constant (Fibonacci
    /// hashing), so that fingerprints alike in their low bits spread out.
    private var shift: UInt64 = 64

    public init() {}

    /// A table with room for `count` values from the start: grown step by step, it would
    /// allocate (and fault in) each smaller table and hash every value again into the next.
    public init(reservingCapacity count: Int) {
        if count > 0 { resize(to: Self.capacity(for: count)) }
    }

    /// The smallest power of two, at least 1,024, that holds `count` values at most three quarters full.
    static func capacity(for count: Int) -> Int {
        var capacity = 1_024
        while count * 4 > capacity * 3 { capacity *= 2 }
        return capacity
    }

    public mutating func insert(_ fingerprint: UInt64, _ value: Int) {
        _ = firstValue(fingerprint, where: { _ in false }, elseInserting: value)
    }

    /// Calls `body` with each value under `fingerprint`, in no set order.
    public func forEachValue(_ fingerprint: UInt64, _ body: (Int) throws -> Void) rethrows {
        _ = try firstValue(fingerprint) { value in try body(value); return false }
    }

    /// The first value under `fingerprint` that `predicate` accepts, in no set order.
    public func firstValue(_ fingerprint: UInt64, where predicate: (Int) throws -> Bool) rethrows -> Int? {
        guard count > 0 else { return nil }
        return try search(fingerprint, predicate).value
    }

    /// The first value under `fingerprint` that `predicate` accepts, as `firstValue`; when there
    /// is none, `value` is inserted under it, in the empty slot the search ended at: one probe
    /// where a search and then an insert took two.
    public mutating func firstValue(_ fingerprint: UInt64, where predicate: (Int) throws -> Bool, elseInserting value: Int) rethrows -> Int? {
        precondition(value >= 0 && value <= Self.valueMax, "a fingerprint's value is a row index")
        if (count + 1) * 4 > values.count * 3 { grow() }
        let found = try search(fingerprint, predicate)
        if let value = found.value { return value }
        fingerprints[found.empty] = fingerprint
        values[found.empty] = Int32(value)
        count += 1
        return nil
    }

    /// Linear probing from `fingerprint`'s home slot to the first empty one (there always is
    /// one): the first value on the way that `predicate` accepts, else that empty slot.
    @inline(__always)
    private func search(_ fingerprint: UInt64, _ predicate: (Int) throws -> Bool) rethrows -> (value: Int?, empty: Int) {
        var slot = home(fingerprint)
        let mask = values.count - 1
        while values[slot] >= 0 {
            if fingerprints[slot] == fingerprint, try predicate(Int(values[slot])) { return (Int(values[slot]), slot) }
            slot = (slot + 1) & mask
        }
        return (nil, slot)
    }

    /// The values under `fingerprint`, ascending.
    public func values(_ fingerprint: UInt64) -> [Int] {
        var found: [Int] = []
        forEachValue(fingerprint) { found.append($0) }
        return found.sorted()
    }

    private func home(_ fingerprint: UInt64) -> Int {
        Int(truncatingIfNeeded: (fingerprint &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Into the first empty slot from the home slot, as an insert places it.
    private mutating func place(_ fingerprint: UInt64, _ value: Int32) {
        let slot = search(fingerprint) { _ in false }.empty
        fingerprints[slot] = fingerprint
        values[slot] = value
    }

    private mutating func grow() {
        resize(to: max(1_024, values.count * 2))
    }

    private mutating func resize(to capacity: Int) {
        let oldFingerprints = fingerprints, oldValues = values
        fingerprints = [UInt64](repeating: 0, count: capacity)
        values = [Int32](repeating: -1, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        for slot in oldValues.indices where oldValues[slot] >= 0 { place(oldFingerprints[slot], oldValues[slot]) }
    }
}
