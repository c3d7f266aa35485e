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
        precondition(SHA256Engine.hardwareUsable, "the SHA instructions are used only where the processor has them")
        let tails = UnsafeMutableRawPointer.allocate(byteCount: 256, alignment: 16)
        defer { tails.deallocate() }
        SHA256.roundConstants.withUnsafeBufferPointer { constants in
            let k = constants.baseAddress!
            var index = 0
            while index + 1 < messages.count {
                var a = Blocks(messages[index], tail: tails), b = Blocks(messages[index + 1], tail: tails + 128)
                pair(&a, &b, k)
                finish(&a, k); finish(&b, k)
                digests[index] = a.digest
                digests[index + 1] = b.digest
                index += 2
            }
            if index < messages.count {
                var last = Blocks(messages[index], tail: tails)
                finish(&last, k)
                digests[index] = last.digest
            }
        }
    }

    /// For each message, a hasher that has taken in its whole blocks (two messages at a time) and
    /// holds the rest: the same as a fresh hardware `SHA256` fed the message with one `update`.
    static func absorb(_ messages: UnsafeBufferPointer<SHA256Lanes.Message>, into hashers: UnsafeMutableBufferPointer<SHA256>) {
        precondition(SHA256Engine.hardwareUsable, "the SHA instructions are used only where the processor has them")
        func hasher(_ blocks: Blocks, _ message: SHA256Lanes.Message) -> SHA256 {
            let whole = message.count - message.count % 64
            var hasher = SHA256(state: blocks.state, byteCount: UInt64(whole), engine: .hardware)
            hasher.update(UnsafeRawBufferPointer(start: message.start + whole, count: message.count - whole))
            return hasher
        }
        SHA256.roundConstants.withUnsafeBufferPointer { constants in
            let k = constants.baseAddress!
            var index = 0
            while index + 1 < messages.count {
                var a = Blocks(wholeBlocksOf: messages[index]), b = Blocks(wholeBlocksOf: messages[index + 1])
                pair(&a, &b, k)
                finish(&a, k); finish(&b, k)
                hashers[index] = hasher(a, messages[index])
                hashers[index + 1] = hasher(b, messages[index + 1])
                index += 2
            }
            if index < messages.count {
                var last = Blocks(wholeBlocksOf: messages[index])
                finish(&last, k)
                hashers[index] = hasher(last, messages[index])
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
