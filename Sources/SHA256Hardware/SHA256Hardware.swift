// SHA-256's compression on the processor's own instructions: x86-64 SHA extensions (SHA256RNDS2,
// SHA256MSG1, SHA256MSG2), reached through Clang's intrinsics. This target alone is compiled with
// the SHA feature enabled, so the compiler may use those instructions anywhere in it; nothing here
// may run before `SHA256Engine` has seen the processor has them.

#if arch(x86_64)
import _Builtin_intrinsics.intel

public enum SHA256Hardware {
    /// Whether this build carries the hardware path at all.
    public static let isBuilt = true

    typealias Vector = __m128i

    /// The state as the instructions keep it: two halves, (f, e, b, a) and (h, g, d, c).
    struct Stream {
        var abef: Vector
        var cdgh: Vector

        @inline(__always) init(_ state: UnsafeMutablePointer<UInt32>) {
            abef = vector(SIMD4(state[5], state[4], state[1], state[0]))
            cdgh = vector(SIMD4(state[7], state[6], state[3], state[2]))
        }

        @inline(__always) func store(_ state: UnsafeMutablePointer<UInt32>) {
            let fe = words(abef), hg = words(cdgh)
            state[0] = fe[3]; state[1] = fe[2]; state[2] = hg[3]; state[3] = hg[2]
            state[4] = fe[1]; state[5] = fe[0]; state[6] = hg[1]; state[7] = hg[0]
        }

        /// Four rounds on the schedule's next four words (`words`), with their four constants.
        @inline(__always) mutating func rounds(_ words: Vector, _ k: UnsafeRawPointer, _ group: Int) {
            let message = _mm_add_epi32(words, _mm_loadu_si128((k + group &* 16).assumingMemoryBound(to: Vector.self)))
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, message)
            abef = _mm_sha256rnds2_epu32(abef, cdgh, upperHalf(message))
        }

        @inline(__always) mutating func add(_ saved: Stream) {
            abef = _mm_add_epi32(abef, saved.abef)
            cdgh = _mm_add_epi32(cdgh, saved.cdgh)
        }
    }

    /// The block's four groups of four words, big-endian.
    @inline(__always) static func load(_ block: UnsafeRawPointer) -> (Vector, Vector, Vector, Vector) {
        let byteSwap = vector(unsafeBitCast(SIMD16<UInt8>(3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12), to: SIMD4<UInt32>.self))
        @inline(__always) func group(_ offset: Int) -> Vector {
            _mm_shuffle_epi8(_mm_loadu_si128((block + offset).assumingMemoryBound(to: Vector.self)), byteSwap)
        }
        return (group(0), group(16), group(32), group(48))
    }

    /// The schedule's next four words: W[g] = msg2(msg1(W[g-4], W[g-3]) + (W[g-2] >> one word, W[g-1]), W[g-1]).
    @inline(__always) static func next(_ w0: Vector, _ w1: Vector, _ w2: Vector, _ w3: Vector) -> Vector {
        _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(w0, w1), joined(w3, w2)), w3)
    }

    /// Compresses `count` 64-byte blocks at `blocks` into `state` (a, b, c, d, e, f, g, h), with
    /// the 64 round constants at `constants` (the caller's table: nothing of this target runs
    /// before the caller has checked the processor).
    public static func compress(_ state: UnsafeMutablePointer<UInt32>, _ blocks: UnsafeRawPointer, _ count: Int,
                                constants: UnsafePointer<UInt32>) {
        guard count > 0 else { return }
        var stream = Stream(state)
        let k = UnsafeRawPointer(constants)
        var block = blocks
        for _ in 0..<count {
            let saved = stream
            var (w0, w1, w2, w3) = load(block)
            stream.rounds(w0, k, 0); stream.rounds(w1, k, 1); stream.rounds(w2, k, 2); stream.rounds(w3, k, 3)
            var group = 4
            while group < 16 {
                let n0 = next(w0, w1, w2, w3); stream.rounds(n0, k, group)
                let n1 = next(w1, w2, w3, n0); stream.rounds(n1, k, group &+ 1)
                let n2 = next(w2, w3, n0, n1); stream.rounds(n2, k, group &+ 2)
                let n3 = next(w3, n0, n1, n2); stream.rounds(n3, k, group &+ 3)
                (w0, w1, w2, w3) = (n0, n1, n2, n3)
                group &+= 4
            }
            stream.add(saved)
            block += 64
        }
        stream.store(state)
    }

    /// As `compress`, for two messages at once, `count` blocks of each: their rounds alternate.
    /// Each round waits for the one before it in its own message, so one message leaves the SHA
    /// unit idle most of the time; two keep it busy (about 1.8 times the bytes a second).
    public static func compress(_ stateA: UnsafeMutablePointer<UInt32>, _ blocksA: UnsafeRawPointer,
                                _ stateB: UnsafeMutablePointer<UInt32>, _ blocksB: UnsafeRawPointer, _ count: Int,
                                constants: UnsafePointer<UInt32>) {
        guard count > 0 else { return }
        var a = Stream(stateA), b = Stream(stateB)
        let k = UnsafeRawPointer(constants)
        var blockA = blocksA, blockB = blocksB
        for _ in 0..<count {
            let savedA = a, savedB = b
            var (a0, a1, a2, a3) = load(blockA)
            var (b0, b1, b2, b3) = load(blockB)
            a.rounds(a0, k, 0); b.rounds(b0, k, 0); a.rounds(a1, k, 1); b.rounds(b1, k, 1)
            a.rounds(a2, k, 2); b.rounds(b2, k, 2); a.rounds(a3, k, 3); b.rounds(b3, k, 3)
            var group = 4
            while group < 16 {
                let an0 = next(a0, a1, a2, a3), bn0 = next(b0, b1, b2, b3)
                a.rounds(an0, k, group); b.rounds(bn0, k, group)
                let an1 = next(a1, a2, a3, an0), bn1 = next(b1, b2, b3, bn0)
                a.rounds(an1, k, group &+ 1); b.rounds(bn1, k, group &+ 1)
                let an2 = next(a2, a3, an0, an1), bn2 = next(b2, b3, bn0, bn1)
                a.rounds(an2, k, group &+ 2); b.rounds(bn2, k, group &+ 2)
                let an3 = next(a3, an0, an1, an2), bn3 = next(b3, bn0, bn1, bn2)
                a.rounds(an3, k, group &+ 3); b.rounds(bn3, k, group &+ 3)
                (a0, a1, a2, a3) = (an0, an1, an2, an3)
                (b0, b1, b2, b3) = (bn0, bn1, bn2, bn3)
                group &+= 4
            }
            a.add(savedA); b.add(savedB)
            blockA += 64; blockB += 64
        }
        a.store(stateA); b.store(stateB)
    }

    // Lane moves are written on SIMD values, which the compiler turns into shuffles: the
    // intrinsics that take an immediate are C macros, which Swift cannot call.
    @inline(__always) static func words(_ v: Vector) -> SIMD4<UInt32> { unsafeBitCast(v, to: SIMD4<UInt32>.self) }
    @inline(__always) static func vector(_ v: SIMD4<UInt32>) -> Vector { unsafeBitCast(v, to: Vector.self) }
    /// The upper two words moved down, for the second pair of rounds.
    @inline(__always) static func upperHalf(_ v: Vector) -> Vector { let x = words(v); return vector(SIMD4(x[2], x[3], x[2], x[3])) }
    /// The words (b1, b2, b3, a0): `b` shifted down one word with `a`'s first behind it (PALIGNR by 4).
    @inline(__always) static func joined(_ a: Vector, _ b: Vector) -> Vector {
        let x = words(a), y = words(b)
        return vector(SIMD4(y[1], y[2], y[3], x[0]))
    }
}
#else
public enum SHA256Hardware {
    /// Other processors keep the software path (see README: arm64's SHA2 extensions are not built).
    public static let isBuilt = false

    public static func compress(_ state: UnsafeMutablePointer<UInt32>, _ blocks: UnsafeRawPointer, _ count: Int,
                                constants: UnsafePointer<UInt32>) {
        preconditionFailure("no hardware SHA-256 in this build")
    }

    public static func compress(_ stateA: UnsafeMutablePointer<UInt32>, _ blocksA: UnsafeRawPointer,
                                _ stateB: UnsafeMutablePointer<UInt32>, _ blocksB: UnsafeRawPointer, _ count: Int,
                                constants: UnsafePointer<UInt32>) {
        preconditionFailure("no hardware SHA-256 in this build")
    }
}
#endif
