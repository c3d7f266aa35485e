import SHA256Hardware

/// SHA-256 of many independent messages on the processor's SHA instructions, two at a time: the
/// rounds of one message form a single chain, each waiting for the last, so a second message's
/// rounds fill the gaps (see `SHA256Hardware.compress(_:_:_:_:_:constants:)`).
enum SHA256Pairs {
    /// A message's blocks: its whole blocks where they lie, then one or two padded ones built in
    /// `tail` (128 bytes of the caller's).
    struct Blocks {
        var state: SHA256.Words = SHA256().state
        var next: UnsafeRawPointer
        var left: Int
        /// The padded blocks, when the whole ones are still being taken.
        var tail: (start: UnsafeRawPointer, count: Int)?

        /// The whole blocks of `message` alone, not padded: for a hasher that will take more.
        init(wholeBlocksOf message: SHA256Lanes.Message) {
            (next, left, tail) = (message.start, message.count / 64, nil)
        }

        init(_ message: SHA256Lanes.Message, tail: UnsafeMutableRawPointer) {
            let whole = message.count / 64, rest = message.count % 64
            tail.initializeMemory(as: UInt8.self, repeating: 0, count: 128)
            if rest > 0 { tail.copyMemory(from: message.start + whole * 64, byteCount: rest) }
            tail.storeBytes(of: 0x80, toByteOffset: rest, as: UInt8.self)
            // FIPS 180-4 §5.1.1: the length in bits closes the last block.
            let padded = rest < 56 ? 1 : 2
            tail.storeBytes(of: (UInt64(message.count) &* 8).bigEndian, toByteOffset: padded * 64 - 8, as: UInt64.self)
            if whole > 0 {
                (next, left, self.tail) = (message.start, whole, (UnsafeRawPointer(tail), padded))
            } else {
                (next, left, self.tail) = (UnsafeRawPointer(tail), padded, nil)
            }
        }

        /// Moves past `count` blocks taken, on to the padded ones when the whole ones are done.
        mutating func took(_ count: Int) {
            next += count * 64
            left -= count
            if left == 0, let tail {
                (next, left, self.tail) = (tail.start, tail.count, nil)
            }
        }

        var digest: SHA256Digest {
            let s = state
            let words = (s.0.bigEndian, s.1.bigEndian, s.2.bigEndian, s.3.bigEndian, s.4.bigEndian, s.5.bigEndian, s.6.bigEndian, s.7.bigEndian)
            return withUnsafeBytes(of: words) { SHA256Digest(rawBytes: $0) }
        }
    }

    /// The SHA-256 of each message, in order, into `digests`. Only on a processor that has the
    /// instructions (`SHA256Engine.hardware`).
    static func hash(_ messages: UnsafeBufferPointer<SHA256Lanes.Message>, into digests: UnsafeMutableBufferPointer<SHA256Digest>) {
        run(messages, { message, tail in Blocks(message, tail: tail) }) { index, blocks in digests[index] = blocks.digest }
    }

    /// For each message, a hasher that has taken in its whole blocks (two messages at a time) and
    /// holds the rest: the same as a fresh hardware `SHA256` fed the message with one `update`.
    static func absorb(_ messages: UnsafeBufferPointer<SHA256Lanes.Message>, into hashers: UnsafeMutableBufferPointer<SHA256>) {
        run(messages, { message, _ in Blocks(wholeBlocksOf: message) }) { index, blocks in
            let message = messages[index], whole = message.count - message.count % 64
            var hasher = SHA256(state: blocks.state, byteCount: UInt64(whole), engine: .hardware)
            hasher.update(UnsafeRawBufferPointer(start: message.start + whole, count: message.count - whole))
            hashers[index] = hasher
        }
    }

    /// Takes in every message's blocks (`blocks`, given the 128 bytes its padding may use), two
    /// messages side by side and an odd one out alone, and hands each to `done` with its index.
    /// Inlined, and its closures with it: called through, they cost 7% of the hashing.
    @inline(__always)
    private static func run(_ messages: UnsafeBufferPointer<SHA256Lanes.Message>,
                            _ blocks: (SHA256Lanes.Message, UnsafeMutableRawPointer) -> Blocks, _ done: (Int, Blocks) -> Void) {
        precondition(SHA256Engine.hardwareUsable, "the SHA instructions are used only where the processor has them")
        let tails = UnsafeMutableRawPointer.allocate(byteCount: 256, alignment: 16)
        defer { tails.deallocate() }
        SHA256.roundConstants.withUnsafeBufferPointer { constants in
            let k = constants.baseAddress!
            var index = 0
            while index + 1 < messages.count {
                var a = blocks(messages[index], tails), b = blocks(messages[index + 1], tails + 128)
                pair(&a, &b, k)
                finish(&a, k); finish(&b, k)
                done(index, a); done(index + 1, b)
                index += 2
            }
            if index < messages.count {
                var last = blocks(messages[index], tails)
                finish(&last, k)
                done(index, last)
            }
        }
    }

    /// Both messages' blocks side by side while both have some; lines of a journal differ by a
    /// block at most.
    private static func pair(_ a: inout Blocks, _ b: inout Blocks, _ k: UnsafePointer<UInt32>) {
        while a.left > 0 && b.left > 0 {
            let count = min(a.left, b.left)
            withUnsafeMutableBytes(of: &a.state) { stateA in
                withUnsafeMutableBytes(of: &b.state) { stateB in
                    SHA256Hardware.compress(stateA.baseAddress!.assumingMemoryBound(to: UInt32.self), a.next,
                                            stateB.baseAddress!.assumingMemoryBound(to: UInt32.self), b.next, count, constants: k)
                }
            }
            a.took(count); b.took(count)
        }
    }

    /// The rest of one message's blocks, alone.
    private static func finish(_ blocks: inout Blocks, _ k: UnsafePointer<UInt32>) {
        while blocks.left > 0 {
            let count = blocks.left
            withUnsafeMutableBytes(of: &blocks.state) {
                SHA256Hardware.compress($0.baseAddress!.assumingMemoryBound(to: UInt32.self), blocks.next, count, constants: k)
            }
            blocks.took(count)
        }
    }
}
