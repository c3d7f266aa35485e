import XCTest
import Foundation
@testable import BudgetJournal

/// Every SHA-256 engine this machine has gives the FIPS 180-4 digests, and the same digest as
/// every other engine for any message, the lengths around the padding boundaries above all.
final class SHA256EngineTests: XCTestCase {
    /// FIPS 180-4 / NIST CAVS examples.
    static let vectors: [(message: [UInt8], digest: String)] = [
        ([], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8),
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
        ([UInt8](repeating: 0x61, count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
    ]

    func testEveryEngineGivesTheFIPSDigests() {
        XCTAssertTrue(SHA256Engine.available.contains(.software))
        for engine in SHA256Engine.available {
            for (message, digest) in Self.vectors {
                XCTAssertEqual(SHA256.hash(message, engine: engine).hex, digest, "\(engine), \(message.count) bytes")
                // Fed in uneven pieces: the pending block and the whole blocks both go to the engine.
                var hasher = SHA256(engine: engine)
                var offset = 0, step = 1
                while offset < message.count {
                    let end = min(message.count, offset + step)
                    message[offset..<end].withUnsafeBytes { hasher.update($0) }
                    offset = end
                    step = step * 3 % 200 + 1
                }
                XCTAssertEqual(hasher.finalize().hex, digest, "\(engine) in pieces, \(message.count) bytes")
            }
        }
    }

    /// The processors these machines use have SHA extensions; when one does, the preferred engine
    /// is the hardware. (A machine without them runs the software, and this says so.)
    func testTheHardwareIsPreferredWhereItExists() throws {
        guard SHA256Engine.available.contains(.hardware) else {
            throw XCTSkip("this processor has no SHA extensions, or this build is not for x86-64: the software engine is used")
        }
        XCTAssertEqual(SHA256Engine.available.first, .hardware)
    }

    func testEnginesAgreeOnRandomLengthsAroundThePadding() {
        var generator = SystemRandomNumberGenerator()
        var lengths = Array(0...130) + [183, 184, 191, 192, 247, 248, 255, 256, 257]
        for _ in 0..<200 { lengths.append(Int.random(in: 0...4_096, using: &generator)) }
        for length in lengths {
            let message = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let digests = SHA256Engine.available.map { SHA256.hash(message, engine: $0) }
            XCTAssertEqual(Set(digests).count, 1, "engines disagree on \(length) bytes")
            // Unaligned: the hardware loads the blocks with unaligned loads.
            let shifted = [0x5A] + message
            let unaligned = shifted.withUnsafeBytes { bytes in
                SHA256Engine.available.map { SHA256.hash(UnsafeRawBufferPointer(rebasing: bytes[1...]), engine: $0) }
            }
            XCTAssertEqual(unaligned, digests, "at an odd address, \(length) bytes")
        }
    }

    /// A digest with a tail appended (a journal line's `prev`, after its body) is the digest of
    /// the whole message, on every engine, for every split of it around the padding boundaries,
    /// and leaves the hasher as it was: it goes on to the same digest as one never asked.
    func testADigestWithATailAppendedIsTheWholeMessagesOnEveryEngine() {
        var random = SplitMix64(seed: 77)
        let bodies = Array(0...130) + [183, 191, 192, 247, 255, 256, 257, 300]
        let tails = Array(0...SHA256.appendedBytesMax)
        for engine in SHA256Engine.available {
            for bodyCount in bodies {
                for tailCount in tails where (bodyCount + tailCount) % 3 == 0 || tailCount == 65 || tailCount == SHA256.appendedBytesMax {
                    let message = (0..<(bodyCount + tailCount)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                    var hasher = SHA256(engine: engine)
                    message[..<bodyCount].withUnsafeBytes { hasher.update($0) }
                    let digest = message[bodyCount...].withUnsafeBytes { hasher.digest(appending: $0) }
                    XCTAssertEqual(digest, SHA256.hash(message, engine: engine), "\(engine): \(bodyCount) then \(tailCount) bytes")
                    message[bodyCount...].withUnsafeBytes { hasher.update($0) }
                    XCTAssertEqual(hasher.finalize(), digest, "\(engine): the hasher unchanged by it")
                }
            }
        }
        XCTAssertEqual(SHA256().digest(appending: UnsafeRawBufferPointer(start: nil, count: 0)).hex, Self.vectors[0].digest)
    }

    /// The multi-message entry points (a journal read, a batch write) give the same digests and
    /// resumable states on every engine.
    func testManyMessagesAtOnceOnEveryEngine() {
        let lengths = (0..<300).map { $0 * 7 % 300 }
        let buffer = (0..<lengths.reduce(0, +)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            let messages = lengths.map { count -> SHA256Lanes.Message in
                defer { offset += count }
                return SHA256Lanes.Message(start: bytes.baseAddress! + offset, count: count)
            }
            let expected = messages.map { SHA256.hash(UnsafeRawBufferPointer(start: $0.start, count: $0.count), engine: .software) }
            for engine in SHA256Engine.available {
                var digests = [SHA256Digest](repeating: SHA256.hash([]), count: messages.count)
                messages.withUnsafeBufferPointer { m in digests.withUnsafeMutableBufferPointer { SHA256Lanes.hash(m, into: $0, engine: engine) } }
                XCTAssertEqual(digests, expected, "\(engine)")
                var hashers = [SHA256](repeating: SHA256(engine: engine), count: messages.count)
                messages.withUnsafeBufferPointer { m in hashers.withUnsafeMutableBufferPointer { SHA256Lanes.absorb(m, into: $0, engine: engine) } }
                XCTAssertEqual(hashers.indices.map { hashers[$0].finalize() }, expected, "absorbed, \(engine)")
            }
        }
    }

    /// The hardware hashes (and absorbs) messages two at a time, each pair side by side while
    /// both have blocks and then each alone: every pair of lengths around the padding boundaries, in both orders,
    /// from unaligned starts, and an odd message out at the end, gives the software's digests.
    func testMessagesHashedInPairsGiveTheSoftwaresDigests() throws {
        guard SHA256Engine.available.contains(.hardware) else { throw XCTSkip("no SHA extensions on this processor") }
        let boundaries = [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 121, 127, 128, 129, 183, 184, 191, 192, 250, 270, 320, 1_000]
        let buffer = (0..<4_000).map { UInt8(truncatingIfNeeded: $0 &* 167 &+ 13) }
        buffer.withUnsafeBytes { bytes in
            for first in boundaries {
                for second in boundaries {
                    for count in [1, 2, 3] {
                        let lengths = [first, second, first &+ second % 7][..<count]
                        var offset = 1
                        let messages = lengths.map { length -> SHA256Lanes.Message in
                            defer { offset += length + 3 }
                            return SHA256Lanes.Message(start: bytes.baseAddress! + offset, count: length)
                        }
                        let expected = messages.map { SHA256.hash(UnsafeRawBufferPointer(start: $0.start, count: $0.count), engine: .software) }
                        var digests = [SHA256Digest](repeating: SHA256.hash([]), count: messages.count)
                        messages.withUnsafeBufferPointer { m in digests.withUnsafeMutableBufferPointer { SHA256Lanes.hash(m, into: $0, engine: .hardware) } }
                        XCTAssertEqual(digests, expected, "lengths \(Array(lengths))")
                        // Absorbed in pairs, then finished one by one: a batch's lines before their chain.
                        var hashers = [SHA256](repeating: SHA256(engine: .hardware), count: messages.count)
                        messages.withUnsafeBufferPointer { m in hashers.withUnsafeMutableBufferPointer { SHA256Lanes.absorb(m, into: $0, engine: .hardware) } }
                        XCTAssertEqual(hashers.indices.map { hashers[$0].finalize() }, expected, "absorbed, lengths \(Array(lengths))")
                    }
                }
            }
        }
    }

    /// `BUDGET_SHA=software` forces the software engine for a whole run: `budget-bench sha` says
    /// which engine it prefers.
    func testTheEnvironmentForcesTheSoftware() throws {
        let bench = ProcessTests.executable.deletingLastPathComponent().appendingPathComponent("budget-bench")
        guard FileManager.default.isExecutableFile(atPath: bench.path) else { throw XCTSkip("no budget-bench beside the tests") }
        let forced = try ProcessTests.run(bench, ["sha", "64"], environment: ["BUDGET_SHA": "software"])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertTrue(forced.stdout.contains("preferred: software"), forced.stdout)
        let free = try ProcessTests.run(bench, ["sha", "64"])
        XCTAssertTrue(free.stdout.contains("preferred: \(SHA256Engine.available.first!.rawValue)"), free.stdout)
        XCTAssertFalse(free.stdout.contains("agree: false"), free.stdout)
    }
}
