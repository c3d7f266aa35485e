import XCTest
@testable import BudgetJournal

/// Hashing in lanes gives exactly the digests, and the part-way states, of hashing one message at a time.
final class SHA256LanesTests: XCTestCase {
    /// Messages of every length around the block and padding boundaries, in batches smaller and
    /// larger than the lanes, so that lanes end, refill and sit idle.
    func testLanesAgreeWithOneAtATime() {
        var random = SplitMix64(seed: 5)
        let pool = (0..<20_000).map { _ in UInt8(random.next(256)) }
        pool.withUnsafeBytes { bytes in
            for batch in [0, 1, 3, 8, 9, 17, 200] {
                var messages: [SHA256Lanes.Message] = []
                for index in 0..<batch {
                    // Lengths 0…300 cover 55/56/63/64/119/120, where the padding needs a second block.
                    let count = index < 8 ? [0, 55, 56, 63, 64, 119, 120, 300][index] : random.next(301)
                    messages.append(SHA256Lanes.Message(start: bytes.baseAddress! + random.next(19_000), count: count))
                }
                var digests = [SHA256Digest](repeating: .zero, count: batch)
                var hashers = [SHA256](repeating: SHA256(), count: batch)
                messages.withUnsafeBufferPointer { m in
                    digests.withUnsafeMutableBufferPointer { SHA256Lanes.hash(m, into: $0) }
                    hashers.withUnsafeMutableBufferPointer { SHA256Lanes.absorb(m, into: $0) }
                }
                for (index, message) in messages.enumerated() {
                    let content = UnsafeRawBufferPointer(start: message.start, count: message.count)
                    let expected = SHA256.hash(content)
                    XCTAssertEqual(digests[index], expected, "batch \(batch), message \(index) of \(message.count) bytes")
                    // A hasher left part-way goes on exactly as one fed the same bytes.
                    var resumed = hashers[index], fed = SHA256()
                    fed.update(content)
                    let extra = Array("\"prev\":\"tail\"".utf8)
                    resumed.update(extra); fed.update(extra)
                    XCTAssertEqual(resumed.finalize(), fed.finalize(), "batch \(batch), message \(index)")
                }
            }
        }
    }

    /// FIPS 180-2 appendix B vectors, hashed side by side.
    func testKnownVectors() {
        let texts = ["abc", "", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"]
        let expected = ["ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"]
        let joined = Array(texts.joined().utf8)
        var digests = [SHA256Digest](repeating: .zero, count: texts.count)
        joined.withUnsafeBytes { bytes in
            var offset = 0
            let messages = texts.map { text in
                defer { offset += text.utf8.count }
                return SHA256Lanes.Message(start: bytes.baseAddress! + offset, count: text.utf8.count)
            }
            messages.withUnsafeBufferPointer { m in digests.withUnsafeMutableBufferPointer { SHA256Lanes.hash(m, into: $0) } }
        }
        XCTAssertEqual(digests.map(\.hex), expected)
    }
}
