/// A key that hashes itself cheaply: a fingerprint already is a hash, and a few packed integers
/// need only a multiply to spread them.
public protocol QuickHashable: Equatable {
    var quickHash: UInt64 { get }
}

extension UInt64: QuickHashable {
    @inlinable public var quickHash: UInt64 { self }
}

/// A table for keys looked up once or twice per line of a large journal (a payee's fingerprint,
/// a payment total's key): open addressing, the slot taken from the key's `quickHash`. A
/// `Dictionary` hashes every key with SipHash, which cost a read of a million lines a tenth of its
/// instructions; these keys need no defence against chosen collisions, since a collision costs
/// only a probe (keys are always compared whole).
public struct QuickTable<Key: QuickHashable, Value> {
    /// 0 for an empty slot, else the entry's index plus one.
    @usableFromInline var slots: [Int32]
    /// The `quickHash` of each slot's key, compared before the key itself.
    @usableFromInline var hashes: [UInt64]
    /// In the order set.
    public var entries: [(key: Key, value: Value)] { storage }
    @usableFromInline var storage: [(key: Key, value: Value)] = []
    @usableFromInline var shift: UInt64

    @inlinable
    public init() {
        slots = [Int32](repeating: 0, count: 16)
        hashes = [UInt64](repeating: 0, count: 16)
        shift = 64 - 4
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }

    /// The slot of `key`, or the empty slot where it would go.
    @inlinable
    func slot(of key: Key, hash: UInt64) -> Int {
        // Fibonacci hashing: the top bits of the product depend on every bit of the hash.
        var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift)
        let mask = slots.count - 1
        while slots[slot] != 0 && (hashes[slot] != hash || storage[Int(slots[slot]) - 1].key != key) { slot = (slot + 1) & mask }
        return slot
    }

    @inlinable
    public subscript(key: Key) -> Value? {
        let slot = slot(of: key, hash: key.quickHash)
        return slots[slot] == 0 ? nil : storage[Int(slots[slot]) - 1].value
    }

    /// Sets the value of `key`, replacing any.
    @inlinable
    public mutating func set(_ value: Value, for key: Key) {
        let index = index(of: key, inserting: value)
        storage[index].value = value
    }

    /// Changes the value of `key` where it lies, starting from `initial` when there is none.
    @inlinable
    public mutating func update(_ key: Key, from initial: Value, _ change: (inout Value) -> Void) {
        change(&storage[index(of: key, inserting: initial)].value)
    }

    /// Changes the value at `index` in `entries` where it lies.
    @inlinable
    public mutating func update(at index: Int, _ change: (inout Value) -> Void) {
        change(&storage[index].value)
    }

    /// The index in `entries` of `key`, added with `value` when it is not there.
    @inlinable
    public mutating func index(of key: Key, inserting value: Value) -> Int {
        let hash = key.quickHash
        let found = slot(of: key, hash: hash)
        if slots[found] != 0 { return Int(slots[found]) - 1 }
        precondition(storage.count < Int(Int32.max), "a quick table holds fewer than 2^31 entries")
        storage.append((key, value))
        hashes[found] = hash
        slots[found] = Int32(storage.count)
        // At most half full, so that a probe ends soon.
        if storage.count * 2 > slots.count { grow() }
        return storage.count - 1
    }

    @usableFromInline
    mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        hashes = [UInt64](repeating: 0, count: slots.count)
        shift -= 1
        for index in storage.indices {
            let hash = storage[index].key.quickHash
            let slot = slot(of: storage[index].key, hash: hash)
            hashes[slot] = hash
            slots[slot] = Int32(index + 1)
        }
    }
}

extension QuickTable: Sendable where Key: Sendable, Value: Sendable {}
