import XCTest
@testable import BudgetJournal

/// Every expected digest here comes from outside this code base: the published
/// FIPS 180-2 / NIST example vectors, or values computed with coreutils
/// `sha256sum` and Python's `hashlib.sha256` (both agreed wherever both were run).
final class SHA256Tests: XCTestCase {

    /// A digest is written as its 32 bytes in order, two lowercase hex digits each: spelled here
    /// byte by byte, apart from the words the digest writes eight digits at a time.
    func testADigestIsWrittenByteByByteInLowercaseHex() {
        var random = SystemRandomNumberGenerator()
        // Every byte value at every place, among random others.
        for place in 0..<32 {
            for byte in UInt8.min...UInt8.max {
                var bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
                bytes[place] = byte
                let expected = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
                XCTAssertEqual(SHA256Digest(uncheckedBytes: bytes).hex, expected)
            }
        }
    }

    // MARK: - Published vectors (FIPS 180-2 appendix B / NIST CSRC examples)

    func testEmptyMessage() {
        XCTAssertEqual(SHA256.hash("").hex,
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hash([UInt8]()).hex,
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testABC() {
        XCTAssertEqual(SHA256.hash("abc").hex,
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testTwoBlockMessage448Bits() {
        XCTAssertEqual(SHA256.hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq").hex,
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testMessage896Bits() {
        let message = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
            + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        XCTAssertEqual(SHA256.hash(message).hex,
                       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    func testOneMillionA() {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        XCTAssertEqual(SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)).hex, expected)

        // The same message in uneven chunks that straddle block boundaries.
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 999)
        var hasher = SHA256()
        var fed = 0
        while fed < 1_000_000 {
            let n = min(chunk.count, 1_000_000 - fed)
            chunk.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0 ..< n])) }
            fed += n
        }
        XCTAssertEqual(hasher.finalize().hex, expected)
    }

    // MARK: - Padding boundaries

    func testPaddingBoundaries() {
        // Messages of n ASCII 'a' bytes; expected values from
        // `printf "%${n}s" | tr ' ' a | sha256sum` and `hashlib.sha256(b"a" * n)`.
        let expected: [Int: String] = [
            55: "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
            56: "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
            63: "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34",
            64: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
            65: "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0",
        ]
        for (length, hex) in expected {
            let message = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            XCTAssertEqual(SHA256.hash(message).hex, hex, "length \(length)")
            XCTAssertEqual(SHA256.hash(String(repeating: "a", count: length)).hex, hex, "length \(length)")
        }
    }

    // MARK: - Incremental hashing

    /// Byte i of the n-byte test message is (31 * i + 7) mod 256.
    private func patternMessage(_ n: Int) -> [UInt8] {
        (0 ..< n).map { UInt8(truncatingIfNeeded: 31 &* $0 &+ 7) }
    }

    func testOneShotDigestsOfLengths0Through129() {
        // Python: sha256(b"".join(sha256(msg(n)).digest() for n in range(130))),
        // where msg(n) = bytes((31 * i + 7) % 256 for i in range(n)).
        var all = [UInt8]()
        for n in 0 ..< 130 { all += SHA256.hash(patternMessage(n)).bytes }
        XCTAssertEqual(SHA256.hash(all).hex,
                       "48480b066f371a2e49cf33ec3971d226e8997412374879d93ed79a06324b0a6a")
        // hashlib.sha256(msg(129)).hexdigest()
        XCTAssertEqual(SHA256.hash(patternMessage(129)).hex,
                       "81e89a7b2911aaa7795f9e3d4910cb47d6cd2b00d83b8399481527261a1a7519")
    }

    func testEverySplitPointMatchesOneShot() {
        for n in 0 ..< 130 {
            let message = patternMessage(n)
            let oneShot = SHA256.hash(message)
            for split in 0 ... n {
                var hasher = SHA256()
                hasher.update(Array(message[..<split]))
                hasher.update(Array(message[split...]))
                XCTAssertEqual(hasher.finalize(), oneShot, "length \(n), split at \(split)")
            }
        }
    }

    func testThreeWaySplitsAndByteAtATime() {
        let message = patternMessage(129)
        let oneShot = SHA256.hash(message)
        for first in stride(from: 0, through: 129, by: 7) {
            for second in first ... 129 {
                var hasher = SHA256()
                message.withUnsafeBytes { raw in
                    hasher.update(UnsafeRawBufferPointer(rebasing: raw[0 ..< first]))
                    hasher.update(UnsafeRawBufferPointer(rebasing: raw[first ..< second]))
                    hasher.update(UnsafeRawBufferPointer(rebasing: raw[second...]))
                }
                XCTAssertEqual(hasher.finalize(), oneShot, "splits at \(first), \(second)")
            }
        }
        var hasher = SHA256()
        for byte in message { hasher.update([byte]) }
        XCTAssertEqual(hasher.finalize(), oneShot)
    }

    func testUnalignedInput() {
        // Whole blocks are read in place, so start them at every misalignment.
        let message = patternMessage(200)
        message.withUnsafeBytes { raw in
            for offset in 0 ..< 8 {
                let slice = UnsafeRawBufferPointer(rebasing: raw[offset...])
                XCTAssertEqual(SHA256.hash(slice), SHA256.hash(Array(message[offset...])), "offset \(offset)")
            }
        }
    }

    func testStringIsHashedAsUTF8() {
        // `printf 'héllo, wörld €' | sha256sum` (UTF-8 locale), matched by hashlib.
        let expected = "65fbc55a768e9b0e56622a8dc64a15c9d3a97d80fddf80578e39716a367e1969"
        XCTAssertEqual(SHA256.hash("héllo, wörld €").hex, expected)
        var hasher = SHA256()
        hasher.update("héllo, ")
        hasher.update("wörld €")
        XCTAssertEqual(hasher.finalize().hex, expected)
    }

    func testFinalizeResetsTheHasher() {
        var hasher = SHA256()
        hasher.update("abc")
        _ = hasher.finalize()
        XCTAssertEqual(hasher.finalize().hex,
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    // MARK: - Digest

    func testHexRoundTrip() {
        let digest = SHA256.hash("abc")
        XCTAssertEqual(digest.bytes.count, 32)
        XCTAssertEqual(SHA256Digest(hex: digest.hex), digest)
        XCTAssertEqual(digest.description, digest.hex)
        XCTAssertEqual(SHA256Digest(hex: digest.hex.uppercased()), digest)
        let mixed = "BA7816bf8F01CFEA414140de5dae2223b00361a396177a9cb410ff61f20015AD"
        XCTAssertEqual(SHA256Digest(hex: mixed), digest)
        XCTAssertEqual(digest.bytes.prefix(4), [0xba, 0x78, 0x16, 0xbf])
    }

    func testZero() {
        XCTAssertEqual(SHA256Digest.zero.bytes, [UInt8](repeating: 0, count: 32))
        XCTAssertEqual(SHA256Digest.zero.hex, String(repeating: "0", count: 64))
        XCTAssertEqual(SHA256Digest(hex: String(repeating: "0", count: 64)), .zero)
        XCTAssertNotEqual(SHA256.hash(""), .zero)
    }

    func testHexRejectsBadInput() {
        let good = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        XCTAssertNotNil(SHA256Digest(hex: good))
        XCTAssertNil(SHA256Digest(hex: ""))
        XCTAssertNil(SHA256Digest(hex: String(good.dropLast())))             // 63 chars
        XCTAssertNil(SHA256Digest(hex: good + "0"))                          // 65 chars
        XCTAssertNil(SHA256Digest(hex: good + good))                         // 128 chars
        XCTAssertNil(SHA256Digest(hex: "g" + good.dropFirst()))              // not hex
        XCTAssertNil(SHA256Digest(hex: good.dropLast() + "G"))
        XCTAssertNil(SHA256Digest(hex: " " + good.dropFirst()))
        XCTAssertNil(SHA256Digest(hex: "0x" + good.dropFirst(2)))
        XCTAssertNil(SHA256Digest(hex: String(good.dropLast()) + "\n"))
        // 64 characters but more than 64 UTF-8 bytes, and 32 two-byte characters.
        XCTAssertNil(SHA256Digest(hex: "é" + good.dropFirst()))
        XCTAssertNil(SHA256Digest(hex: String(repeating: "é", count: 32)))
    }

    func testHashableAgreesWithEquality() {
        let a = SHA256.hash("abc"), b = SHA256Digest(hex: a.hex)!
        XCTAssertEqual(Set([a, b, .zero]).count, 2)
    }
}

/// HMAC-SHA-256 against the test vectors of RFC 4231 (cases 1, 2, 3 and 6: a short key, a key
/// shorter than the hash, a repeated data byte, and a key longer than a block).
final class HMACTests: XCTestCase {
    func testTheRFC4231Vectors() {
        let cases: [([UInt8], [UInt8], String)] = [
            ([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
            ([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
            ([UInt8](repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
             "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        ]
        for (key, message, expected) in cases {
            XCTAssertEqual(HMAC.authenticate(message, key: key).hex, expected)
        }
    }
}
