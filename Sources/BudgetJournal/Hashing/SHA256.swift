import SHA256Hardware

// SHA-256 as specified in FIPS 180-4, written here because the package takes no
// dependencies and Foundation offers no portable digest on Linux.
//
// The journal hashes up to a million short lines, so the per-call cost matters as
// much as the per-block cost: nothing below touches the heap except the 32-byte
// array a finished digest has to own.

/// Incremental SHA-256 (FIPS 180-4).
///
/// Feed bytes with any mix of `update` calls, then call `finalize()` once.
/// `finalize()` resets the hasher to its initial state, so a value that is
/// reused afterwards starts an independent digest rather than continuing the old
/// one; treat a finalized hasher as spent.
public struct SHA256: Sendable {
    // Tuples rather than arrays keep the whole hasher inline, with no allocation,
    // reference counting or copy-on-write check per block.
    @usableFromInline typealias Words = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
    @usableFromInline typealias Block = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    @usableFromInline var state: Words
    /// Bytes carried over until a full 64-byte block is available.
    @usableFromInline var pending: Block
    @usableFromInline var pendingCount: Int
    /// Wraps modulo 2^64, which is what the length field encodes (FIPS 180-4 §5.1.1).
    @usableFromInline var byteCount: UInt64
    /// Whether whole blocks go to the processor's SHA instructions (see `SHA256Engine`).
    @usableFromInline let hardware: Bool

    /// A hasher on `engine`, by default the fastest this machine has.
    @inlinable
    public init(engine: SHA256Engine = .preferred) {
        hardware = engine == .hardware
        // FIPS 180-4 §5.3.3: fractional parts of the square roots of the first eight primes.
        state = (0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
                 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)
        pending = (0, 0, 0, 0, 0, 0, 0, 0)
        pendingCount = 0
        byteCount = 0
    }

    @inlinable
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var input = bytes.baseAddress, bytes.count > 0 else { return }
        var remaining = bytes.count
        byteCount &+= UInt64(truncatingIfNeeded: remaining)

        // One stack-allocated schedule per call, shared by every block in it.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            let w = schedule.baseAddress!
            SHA256.roundConstants.withUnsafeBufferPointer { constants in
                let k = constants.baseAddress!
                if pendingCount > 0 {
                    let offset = pendingCount
                    let take = Swift.min(64 &- offset, remaining)
                    withUnsafeMutableBytes(of: &pending) {
                        ($0.baseAddress! + offset).copyMemory(from: input, byteCount: take)
                    }
                    pendingCount = offset &+ take
                    input += take
                    remaining &-= take
                    guard pendingCount == 64 else { return }  // input used up, block still short
                    let block = pending
                    withUnsafeBytes(of: block) { compressBlocks($0.baseAddress!, 1, w, k) }
                    pendingCount = 0
                }
                // Whole blocks are read straight from the caller's memory, never copied.
                if remaining >= 64 {
                    let blocks = remaining / 64
                    compressBlocks(input, blocks, w, k)
                    input += blocks &* 64
                    remaining &-= blocks &* 64
                }
                if remaining > 0 {
                    withUnsafeMutableBytes(of: &pending) {
                        $0.baseAddress!.copyMemory(from: input, byteCount: remaining)
                    }
                    pendingCount = remaining
                }
            }
        }
    }

    @inlinable
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Hashes the string's UTF-8 encoding.
    @inlinable
    public mutating func update(_ text: String) {
        // A mutable copy is only a retain; `withUTF8` reads native strings in place
        // and copies any other representation once.
        var text = text
        text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Takes in `count` whole blocks at `blocks`, on this hasher's engine.
    @inlinable @inline(__always)
    mutating func compressBlocks(_ blocks: UnsafeRawPointer, _ count: Int, _ w: UnsafeMutablePointer<UInt32>, _ k: UnsafePointer<UInt32>) {
        if hardware {
            withUnsafeMutableBytes(of: &state) { SHA256Hardware.compress($0.baseAddress!.assumingMemoryBound(to: UInt32.self), blocks, count, constants: k) }
            return
        }
        var block = blocks
        for _ in 0 ..< count {
            SHA256.compress(&state, block, w, k)
            block += 64
        }
    }

    /// Returns the digest of everything fed so far and resets the hasher.
    public mutating func finalize() -> SHA256Digest {
        let bitLength = byteCount &* 8
        // FIPS 180-4 §5.1.1: a 1 bit, zeros up to 56 mod 64, then the 64-bit
        // big-endian length; 9 to 72 bytes in all.
        let lengthOffset = (pendingCount < 56 ? 56 : 120) &- pendingCount
        withUnsafeTemporaryAllocation(byteCount: 72, alignment: 8) { tail in
            _ = tail.initializeMemory(as: UInt8.self, repeating: 0)
            tail[0] = 0x80
            tail.storeBytes(of: bitLength.bigEndian, toByteOffset: lengthOffset, as: UInt64.self)
            update(UnsafeRawBufferPointer(rebasing: tail[0 ..< lengthOffset + 8]))
        }
        let s = state
        let bigEndian: Words = (s.0.bigEndian, s.1.bigEndian, s.2.bigEndian, s.3.bigEndian,
                                s.4.bigEndian, s.5.bigEndian, s.6.bigEndian, s.7.bigEndian)
        self = SHA256(engine: hardware ? .hardware : .software)
        return withUnsafeBytes(of: bigEndian) { SHA256Digest(rawBytes: $0) }
    }

    /// The most bytes `digest(appending:)` takes.
    public static let appendedBytesMax = 128

    /// The digest of everything fed so far followed by `tail`, this hasher left as it was: a
    /// journal line's hash, its body taken in ahead and the `prev` that chains it last, a hundred
    /// thousand times in an import. The last blocks (what is pending, the tail, the padding) are
    /// laid out once and compressed in one call, where `update` then `finalize` laid them out and
    /// compressed them in two, and reset the hasher.
    @inlinable
    public func digest(appending tail: UnsafeRawBufferPointer) -> SHA256Digest {
        precondition(tail.count <= Self.appendedBytesMax, "a tail of at most appendedBytesMax bytes")
        let total = pendingCount &+ tail.count
        // FIPS 180-4 §5.1.1: a 1 bit, zeros up to 56 mod 64, then the 64-bit big-endian length.
        let blocksBytes = (total &+ 9 &+ 63) / 64 &* 64
        let bitLength = (byteCount &+ UInt64(truncatingIfNeeded: tail.count)) &* 8
        var finished = self
        return withUnsafeTemporaryAllocation(byteCount: 64 + Self.appendedBytesMax + 72, alignment: 8) { buffer in
            let base = buffer.baseAddress!
            withUnsafeBytes(of: pending) { base.copyMemory(from: $0.baseAddress!, byteCount: pendingCount) }
            if let start = tail.baseAddress { (base + pendingCount).copyMemory(from: start, byteCount: tail.count) }
            base.storeBytes(of: 0x80 as UInt8, toByteOffset: total, as: UInt8.self)
            (base + total + 1).initializeMemory(as: UInt8.self, repeating: 0, count: blocksBytes &- total &- 9)
            base.storeBytes(of: bitLength.bigEndian, toByteOffset: blocksBytes &- 8, as: UInt64.self)
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
                SHA256.roundConstants.withUnsafeBufferPointer { constants in
                    finished.compressBlocks(UnsafeRawPointer(base), blocksBytes / 64, schedule.baseAddress!, constants.baseAddress!)
                }
            }
            let s = finished.state
            let bigEndian: Words = (s.0.bigEndian, s.1.bigEndian, s.2.bigEndian, s.3.bigEndian,
                                    s.4.bigEndian, s.5.bigEndian, s.6.bigEndian, s.7.bigEndian)
            return withUnsafeBytes(of: bigEndian) { SHA256Digest(rawBytes: $0) }
        }
    }

    public static func hash(_ bytes: [UInt8], engine: SHA256Engine = .preferred) -> SHA256Digest {
        var hasher = SHA256(engine: engine)
        hasher.update(bytes)
        return hasher.finalize()
    }

    public static func hash(_ bytes: UnsafeRawBufferPointer, engine: SHA256Engine = .preferred) -> SHA256Digest {
        var hasher = SHA256(engine: engine)
        hasher.update(bytes)
        return hasher.finalize()
    }

    public static func hash(_ text: String) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update(text)
        return hasher.finalize()
    }

    // MARK: - Compression (FIPS 180-4 §6.2.2)

    @inlinable @inline(__always)
    static func rotateRight(_ x: UInt32, _ n: UInt32) -> UInt32 {
        // Masking shifts let the optimiser emit a single rotate instruction.
        (x &>> n) | (x &<< (32 &- n))
    }

    /// Processes one 64-byte block; `w` is scratch space for the 64-word schedule.
    @inlinable @inline(__always)
    static func compress(_ h: inout Words, _ block: UnsafeRawPointer,
                         _ w: UnsafeMutablePointer<UInt32>, _ k: UnsafePointer<UInt32>) {
        // Blocks come from arbitrary offsets of caller buffers, hence unaligned loads.
        for i in 0 ..< 16 {
            w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self))
        }
        for i in 16 ..< 64 {
            let x = w[i &- 15], y = w[i &- 2]
            let s0 = rotateRight(x, 7) ^ rotateRight(x, 18) ^ (x &>> 3)
            let s1 = rotateRight(y, 17) ^ rotateRight(y, 19) ^ (y &>> 10)
            w[i] = w[i &- 16] &+ s0 &+ w[i &- 7] &+ s1
        }

        var (a, b, c, d, e, f, g, hh) = h
        // Eight rounds per pass with the variables' roles rotated in the argument
        // lists, so the per-round shuffle of a...h costs no register moves.
        var i = 0
        while i < 64 {
            round(a, b, c, &d, e, f, g, &hh, k[i] &+ w[i])
            round(hh, a, b, &c, d, e, f, &g, k[i &+ 1] &+ w[i &+ 1])
            round(g, hh, a, &b, c, d, e, &f, k[i &+ 2] &+ w[i &+ 2])
            round(f, g, hh, &a, b, c, d, &e, k[i &+ 3] &+ w[i &+ 3])
            round(e, f, g, &hh, a, b, c, &d, k[i &+ 4] &+ w[i &+ 4])
            round(d, e, f, &g, hh, a, b, &c, k[i &+ 5] &+ w[i &+ 5])
            round(c, d, e, &f, g, hh, a, &b, k[i &+ 6] &+ w[i &+ 6])
            round(b, c, d, &e, f, g, hh, &a, k[i &+ 7] &+ w[i &+ 7])
            i &+= 8
        }
        h.0 &+= a; h.1 &+= b; h.2 &+= c; h.3 &+= d
        h.4 &+= e; h.5 &+= f; h.6 &+= g; h.7 &+= hh
    }

    /// One round, FIPS 180-4 §6.2.2 step 3; the caller renames the variables
    /// afterwards instead of shifting them: `d` becomes the new e, `h` the new a.
    @inlinable @inline(__always)
    static func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                      _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32,
                      _ kw: UInt32) {
        // Σ1 and Σ0 with the rotations nested (ror 6/11/25 = ror 6 of e ^ ror 5 of
        // (e ^ ror 14)), which needs fewer register copies than three rotations of e.
        let sigma1 = rotateRight(e ^ rotateRight(e ^ rotateRight(e, 14), 5), 6)
        // Ch and Maj in their one-operation-shorter equivalent forms.
        let choose = g ^ (e & (f ^ g))
        let t1 = h &+ sigma1 &+ choose &+ kw
        let sigma0 = rotateRight(a ^ rotateRight(a ^ rotateRight(a, 9), 11), 2)
        let majority = (a & b) | (c & (a | b))
        d &+= t1
        h = t1 &+ sigma0 &+ majority
    }

    /// FIPS 180-4 §4.2.2: fractional parts of the cube roots of the first 64 primes. The hardware
    /// engine is handed this table too.
    @usableFromInline
    static let roundConstants: [UInt32] = SHA256Constants.rounds
}
