// SHA-256 of many independent messages at once, one message per lane of a SIMD register
// ("multi-buffer" hashing). A journal read hashes every line on its own, and a batch write hashes
// every line's body before the chain is known: hundreds of thousands of short, independent
// messages. One lane of a vector does the work of one scalar hasher, so a register of lanes
// hashes that many messages for little more than the instructions of one.

/// Hashes messages side by side, `SHA256Lanes.width` at a time. Lanes are refilled as messages
/// end, so messages of different lengths keep every lane busy.
public enum SHA256Lanes {
    public typealias Vector = SIMD8<UInt32>
    public static let width = 8

    /// One message: `count` bytes at `start`. When `finish` is false only its whole 64-byte blocks
    /// are taken in and the state after them is returned, for a caller that will add more.
    public struct Message {
        public let start: UnsafeRawPointer
        public let count: Int

        public init(start: UnsafeRawPointer, count: Int) { self.start = start; self.count = count }
    }

    /// The SHA-256 of each message, in order, into `digests`.
    /// On the hardware engine messages are hashed two at a time (`SHA256Pairs`): one core's SHA
    /// instructions outrun eight software lanes several times over.
    public static func hash(_ messages: UnsafeBufferPointer<Message>, into digests: UnsafeMutableBufferPointer<SHA256Digest>,
                            engine: SHA256Engine = .preferred) {
        precondition(digests.count >= messages.count, "a digest for every message")
        if engine == .hardware { return SHA256Pairs.hash(messages, into: digests) }
        run(messages, finish: true) { index, state in
            let s = state
            let words = (s.0.bigEndian, s.1.bigEndian, s.2.bigEndian, s.3.bigEndian, s.4.bigEndian, s.5.bigEndian, s.6.bigEndian, s.7.bigEndian)
            digests[index] = withUnsafeBytes(of: words) { SHA256Digest(rawBytes: $0) }
        }
    }

    /// For each message, a hasher that has taken in its whole blocks and holds the rest: the
    /// same as a fresh `SHA256` fed the message with one `update`.
    public static func absorb(_ messages: UnsafeBufferPointer<Message>, into hashers: UnsafeMutableBufferPointer<SHA256>,
                              engine: SHA256Engine = .preferred) {
        precondition(hashers.count >= messages.count, "a hasher for every message")
        if engine == .hardware { return SHA256Pairs.absorb(messages, into: hashers) }
        run(messages, finish: false) { index, state in
            let message = messages[index]
            var hasher = SHA256(state: state, byteCount: UInt64(message.count - message.count % 64))
            let rest = message.count % 64
            if rest > 0 { hasher.update(UnsafeRawBufferPointer(start: message.start + (message.count - rest), count: rest)) }
            hashers[index] = hasher
        }
    }

    /// One lane's progress through its message: the whole blocks read in place, then (when
    /// finishing) one or two padded blocks built in the lane's scratch space.
    private struct Lane {
        var message = -1
        var next: UnsafeRawPointer?
        var wholeBlocksLeft = 0
        var paddedBlocksLeft = 0
    }

    private static func run(_ messages: UnsafeBufferPointer<Message>, finish: Bool, _ done: (Int, SHA256.Words) -> Void) {
        guard !messages.isEmpty else { return }
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: width * 128, alignment: 16)
        let schedule = UnsafeMutablePointer<Vector>.allocate(capacity: 64)
        let blocks = UnsafeMutablePointer<UnsafeRawPointer>.allocate(capacity: width)
        defer { scratch.deallocate(); schedule.deallocate(); blocks.deallocate() }
        var lanes = [Lane](repeating: Lane(), count: width)
        let initial = SHA256().state
        var h = (Vector(repeating: initial.0), Vector(repeating: initial.1), Vector(repeating: initial.2), Vector(repeating: initial.3),
                 Vector(repeating: initial.4), Vector(repeating: initial.5), Vector(repeating: initial.6), Vector(repeating: initial.7))
        var nextMessage = 0
        var active = 0

        // Starts message `index` in `lane`: its state back to the initial one, its padding ready.
        func load(_ lane: Int, _ index: Int) {
            let message = messages[index]
            let whole = message.count / 64
            var padded = 0
            if finish {
                let rest = message.count - whole * 64
                let tail = scratch + lane * 128
                tail.initializeMemory(as: UInt8.self, repeating: 0, count: 128)
                if rest > 0 { tail.copyMemory(from: message.start + whole * 64, byteCount: rest) }
                tail.storeBytes(of: 0x80, toByteOffset: rest, as: UInt8.self)
                padded = rest < 56 ? 1 : 2
                tail.storeBytes(of: (UInt64(message.count) &* 8).bigEndian, toByteOffset: padded * 64 - 8, as: UInt64.self)
            }
            lanes[lane] = Lane(message: index, next: whole > 0 ? message.start : UnsafeRawPointer(scratch + lane * 128),
                               wholeBlocksLeft: whole, paddedBlocksLeft: padded)
            h.0[lane] = initial.0; h.1[lane] = initial.1; h.2[lane] = initial.2; h.3[lane] = initial.3
            h.4[lane] = initial.4; h.5[lane] = initial.5; h.6[lane] = initial.6; h.7[lane] = initial.7
        }

        func hasBlocks(_ lane: Lane) -> Bool { lane.wholeBlocksLeft + lane.paddedBlocksLeft > 0 }

        // Fill every lane; a message with no block to take (empty, not finishing) is done at once.
        func refill(_ lane: Int) -> Bool {
            while nextMessage < messages.count {
                let index = nextMessage
                nextMessage += 1
                load(lane, index)
                if hasBlocks(lanes[lane]) { return true }
                done(index, initial)
            }
            lanes[lane] = Lane()
            return false
        }
        for lane in 0..<width where refill(lane) { active += 1 }

        while active > 0 {
            // Word t of every lane's current block, big-endian, side by side. An idle lane
            // reads its scratch and hashes nothing anyone keeps.
            for lane in 0..<width { blocks[lane] = lanes[lane].message >= 0 ? lanes[lane].next! : UnsafeRawPointer(scratch) }
            do {
                let p = blocks
                for t in 0..<16 {
                    let offset = t &* 4
                    schedule[t] = Vector(UInt32(bigEndian: p[0].loadUnaligned(fromByteOffset: offset, as: UInt32.self)),
                                         UInt32(bigEndian: p[1].loadUnaligned(fromByteOffset: offset, as: UInt32.self)),
                                         UInt32(bigEndian: p[2].loadUnaligned(fromByteOffset: offset, as: UInt32.self)),
                                         UInt32(bigEndian: p[3].loadUnaligned(fromByteOffset: offset, as: UInt32.self)),
                                         UInt32(bigEndian: p[4].loadUnaligned(fromByteOffset: offset, as: UInt32.self)),
                                         UInt32(bigEndian: p[5].loadUnaligned(fromByteOffset: offset, as: UInt32.self)),
                                         UInt32(bigEndian: p[6].loadUnaligned(fromByteOffset: offset, as: UInt32.self)),
                                         UInt32(bigEndian: p[7].loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
                }
            }
            compress(&h, schedule)
            for lane in 0..<width where lanes[lane].message >= 0 {
                if lanes[lane].wholeBlocksLeft > 0 {
                    lanes[lane].wholeBlocksLeft -= 1
                    lanes[lane].next = lanes[lane].wholeBlocksLeft > 0 ? lanes[lane].next! + 64 : UnsafeRawPointer(scratch + lane * 128)
                } else {
                    lanes[lane].paddedBlocksLeft -= 1
                    lanes[lane].next = lanes[lane].next! + 64
                }
                guard !hasBlocks(lanes[lane]) else { continue }
                done(lanes[lane].message, (h.0[lane], h.1[lane], h.2[lane], h.3[lane], h.4[lane], h.5[lane], h.6[lane], h.7[lane]))
                if !refill(lane) { active -= 1 }
            }
        }
    }

    // Written as a chain of shifts rather than as rotations: x86-64's baseline vector unit has no
    // rotate, and the optimiser, seeing a rotation, would take each lane apart to rotate it alone.
    @inline(__always) private static func shr(_ x: Vector, _ n: UInt32) -> Vector { x &>> Vector(repeating: n) }
    @inline(__always) private static func shl(_ x: Vector, _ n: UInt32) -> Vector { x &<< Vector(repeating: n) }

    @inline(__always) private static func bigSigma0(_ a: Vector) -> Vector {
        (shr(a, 2) ^ shr(a, 13) ^ shr(a, 22)) ^ (shl(a, 30) ^ shl(a, 19) ^ shl(a, 10))
    }

    @inline(__always) private static func bigSigma1(_ e: Vector) -> Vector {
        (shr(e, 6) ^ shr(e, 11) ^ shr(e, 25)) ^ (shl(e, 26) ^ shl(e, 21) ^ shl(e, 7))
    }

    @inline(__always) private static func smallSigma0(_ x: Vector) -> Vector {
        (shr(x, 7) ^ shr(x, 18) ^ shr(x, 3)) ^ (shl(x, 25) ^ shl(x, 14))
    }

    @inline(__always) private static func smallSigma1(_ x: Vector) -> Vector {
        (shr(x, 17) ^ shr(x, 19) ^ shr(x, 10)) ^ (shl(x, 15) ^ shl(x, 13))
    }

    @inline(__always)
    private static func round(_ a: Vector, _ b: Vector, _ c: Vector, _ d: inout Vector,
                              _ e: Vector, _ f: Vector, _ g: Vector, _ h: inout Vector, _ k: UInt32, _ w: Vector) {
        let t1 = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ Vector(repeating: k) &+ w
        d &+= t1
        h = t1 &+ bigSigma0(a) &+ ((a & b) | (c & (a | b)))
    }

    /// FIPS 180-4 §6.2.2 on every lane at once; `w` holds the block's 16 words on entry.
    private static func compress(_ h: inout (Vector, Vector, Vector, Vector, Vector, Vector, Vector, Vector), _ w: UnsafeMutablePointer<Vector>) {
        for i in 16..<64 {
            let x = w[i &- 15], y = w[i &- 2]
            w[i] = w[i &- 16] &+ smallSigma0(x) &+ w[i &- 7] &+ smallSigma1(y)
        }
        var (a, b, c, d, e, f, g, hh) = h
        SHA256.roundConstants.withUnsafeBufferPointer { k in
            // Eight rounds a pass with the roles rotated in the argument lists, as in `SHA256`.
            var i = 0
            while i < 64 {
                round(a, b, c, &d, e, f, g, &hh, k[i], w[i])
                round(hh, a, b, &c, d, e, f, &g, k[i &+ 1], w[i &+ 1])
                round(g, hh, a, &b, c, d, e, &f, k[i &+ 2], w[i &+ 2])
                round(f, g, hh, &a, b, c, d, &e, k[i &+ 3], w[i &+ 3])
                round(e, f, g, &hh, a, b, c, &d, k[i &+ 4], w[i &+ 4])
                round(d, e, f, &g, hh, a, b, &c, k[i &+ 5], w[i &+ 5])
                round(c, d, e, &f, g, hh, a, &b, k[i &+ 6], w[i &+ 6])
                round(b, c, d, &e, f, g, hh, &a, k[i &+ 7], w[i &+ 7])
                i &+= 8
            }
        }
        h.0 &+= a; h.1 &+= b; h.2 &+= c; h.3 &+= d
        h.4 &+= e; h.5 &+= f; h.6 &+= g; h.7 &+= hh
    }
}

extension SHA256 {
    /// A hasher resumed from a state after `byteCount` bytes, a multiple of 64.
    init(state: Words, byteCount: UInt64, engine: SHA256Engine = .software) {
        self.init(engine: engine)
        precondition(byteCount % 64 == 0, "a state is resumed at a block boundary")
        self.state = state
        self.byteCount = byteCount
    }
}
