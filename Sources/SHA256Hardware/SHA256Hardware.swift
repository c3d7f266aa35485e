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

    /// Compresses `count` 64-byte blocks at `blocks` into `state` (a, b, c, d, e, f, g, h), with
    /// the 64 round constants at `constants` (the caller's table: nothing of this target runs
    /// before the caller has checked the processor).
    public static func compress(_ state: UnsafeMutablePointer<UInt32>, _ blocks: UnsafeRawPointer, _ count: Int,
                                constants: UnsafePointer<UInt32>) {
        guard count > 0 else { return }
        // The instructions keep the state as two halves: (f, e, b, a) and (h, g, d, c).
        var abef = vector(SIMD4(state[5], state[4], state[1], state[0]))
        var cdgh = vector(SIMD4(state[7], state[6], state[3], state[2]))
        let byteSwap = vector(unsafeBitCast(SIMD16<UInt8>(3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12), to: SIMD4<UInt32>.self))
        do {
            let k = UnsafeRawPointer(constants)
            var block = blocks
            for _ in 0..<count {
                let savedABEF = abef, savedCDGH = cdgh
                // Four rounds of the schedule's next four words, each group of four words plus its
                // four constants.
                @inline(__always) func rounds(_ words: Vector, _ group: Int) {
                    let message = _mm_add_epi32(words, _mm_loadu_si128((k + group &* 16).assumingMemoryBound(to: Vector.self)))
                    cdgh = _mm_sha256rnds2_epu32(cdgh, abef, message)
                    abef = _mm_sha256rnds2_epu32(abef, cdgh, upperHalf(message))
                }
                @inline(__always) func load(_ offset: Int) -> Vector {
                    _mm_shuffle_epi8(_mm_loadu_si128((block + offset).assumingMemoryBound(to: Vector.self)), byteSwap)
                }
                var w0 = load(0), w1 = load(16), w2 = load(32), w3 = load(48)
                rounds(w0, 0); rounds(w1, 1); rounds(w2, 2); rounds(w3, 3)
                var group = 4
                while group < 16 {
                    // W[g] = msg2(msg1(W[g-4], W[g-3]) + (W[g-2] >> one word, W[g-1]), W[g-1])
                    let n0 = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(w0, w1), joined(w3, w2)), w3)
                    rounds(n0, group)
                    let n1 = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(w1, w2), joined(n0, w3)), n0)
                    rounds(n1, group &+ 1)
                    let n2 = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(w2, w3), joined(n1, n0)), n1)
                    rounds(n2, group &+ 2)
                    let n3 = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(w3, n0), joined(n2, n1)), n2)
                    rounds(n3, group &+ 3)
                    (w0, w1, w2, w3) = (n0, n1, n2, n3)
                    group &+= 4
                }
                abef = _mm_add_epi32(abef, savedABEF)
                cdgh = _mm_add_epi32(cdgh, savedCDGH)
                block += 64
            }
        }
        let fe = words(abef), hg = words(cdgh)
        state[0] = fe[3]; state[1] = fe[2]; state[2] = hg[3]; state[3] = hg[2]
        state[4] = fe[1]; state[5] = fe[0]; state[6] = hg[1]; state[7] = hg[0]
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
}
#endif
