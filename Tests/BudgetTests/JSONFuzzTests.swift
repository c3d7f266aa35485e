import Foundation
import XCTest
@testable import BudgetJournal
@testable import BudgetJSON

/// Escapes, UTF-8 validation, mutation fuzzing and agreement with Foundation's JSONSerialization.
final class JSONFuzzTests: XCTestCase {
    private let fuzzLine = #"{"seq":42,"ts":"2024-05-17T09:31:07Z","payee":"Café \"Olé\" 🍕","amount":-4599,"#
        + #""memo":"split\n50/50\\Sam \u00e9\uD83D\uDE00","rate":1.0825e2,"tags":["a",true,null],"m":{}}"#

    // MARK: Escapes

    func testEscapesDecode() throws {
        let cases: [(String, String)] = [
            (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
            (#""\u0041\u00e9\u20AC\uD83D\uDE00""#, "Aé€😀"),
            (#""\u0000""#, "\u{0}"),
            (#""\uDBFF\uDFFF""#, "\u{10FFFF}"),
            (#""plain \u005C run\n and é after""#, "plain \\ run\n and é after"),
            (#""\u2028\u2029""#, "\u{2028}\u{2029}"),
        ]
        for (json, expected) in cases {
            XCTAssertEqual(try JSONParser.parse(json), .string(expected), json)
        }
    }

    func testEscapesEncode() {
        let cases: [(String, String)] = [
            ("\"\\/", #""\"\\/""#),
            ("\n\r\t\u{8}\u{C}", #""\n\r\t\b\f""#),
            ("\u{0}\u{1}\u{1F}\u{7F}", "\"\\u0000\\u0001\\u001f\u{7F}\""),
            ("\u{2028}x\u{2029}", #""\u2028x\u2029""#),
            ("é🍕 \u{2027}€", "\"é🍕 \u{2027}€\""),
            ("", #""""#),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(JSONWriter.compact(.string(text)), expected)
            var out = "x="
            JSONWriter.appendQuoted(text, to: &out)
            XCTAssertEqual(out, "x=" + expected)
        }
    }

    func testEveryEscapableScalarRoundTrips() throws {
        var text = ""
        for scalar in Array(0..<0x20) + [0x22, 0x2F, 0x5C, 0x7F, 0x2028, 0x2029, 0xFEFF, 0x10FFFF] {
            text.unicodeScalars.append(Unicode.Scalar(UInt32(scalar))!)
        }
        let json = JSONWriter.compact(.string(text))
        XCTAssertFalse(json.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" })
        XCTAssertEqual(try JSONParser.parse(json), .string(text))
    }

    // MARK: UTF-8

    func testUTF8Table() {
        let valid: [[UInt8]] = [[0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80],
                                [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0x7F]]
        let invalid: [[UInt8]] = [[0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
                                  [0xED, 0xBF, 0xBF], [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
                                  [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xFE], [0x80], [0xBF], [0xC2], [0xE2, 0x82], [0xF0, 0x9F, 0x98],
                                  [0xC2, 0x41], [0xE2, 0x28, 0xA1]]
        for bytes in valid {
            XCTAssertEqual(try JSONParser.parse([0x22] + bytes + [0x22]), .string(String(decoding: bytes, as: UTF8.self)), "\(bytes)")
        }
        for bytes in invalid {
            XCTAssertThrowsError(try JSONParser.parse([0x22, 0x61] + bytes + [0x22]), "\(bytes)") {
                XCTAssertEqual(($0 as? JSONParseError)?.description, "byte 2: invalid UTF-8", "\(bytes)")
            }
        }
        // Truncated at the very end of input, where a careless reader would run off the buffer.
        XCTAssertThrowsError(try JSONParser.parse([0x22, 0xF0, 0x9F])) {
            XCTAssertEqual(($0 as? JSONParseError)?.description, "byte 1: invalid UTF-8")
        }
    }

    func testUTF8ValidationAgreesWithStandardLibrary() {
        var rng = SplitMix64(seed: 0xC0FFEE)
        func check(_ bytes: [UInt8]) {
            // Quotes, backslashes and controls are the JSON layer's business, not UTF-8's.
            guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return }
            let expected = String(validating: bytes, as: UTF8.self)
            switch Result(catching: { try JSONParser.parse([0x22] + bytes + [0x22]) }) {
            case .success(let value):
                XCTAssertEqual(value, expected.map(JSONValue.string), "accepted invalid \(bytes)")
            case .failure(let error):
                XCTAssertNil(expected, "rejected valid \(bytes)")
                XCTAssertEqual((error as? JSONParseError)?.reason.description, "invalid UTF-8", "\(bytes)")
            }
        }
        for first in 0x80...0xFF { for second in 0...0xFF { check([UInt8(first), UInt8(second)]) } }
        for _ in 0..<50_000 {
            // Mostly high bytes, so that three- and four-byte forms and their edges come up often.
            check((0..<(1 + rng.next(6))).map { _ in rng.next(4) == 0 ? UInt8(0x20 + rng.next(0x60)) : UInt8(0x80 + rng.next(0x80)) })
        }
    }

    // MARK: Fuzzing

    func testMutatedLinesReturnOrThrowNeverCrash() throws {
        var rng = SplitMix64(seed: 20_240_517)
        let base = Array(fuzzLine.utf8)
        let interesting = Array(#"{}[]":,\-+.eE0123456789tfnu \#t\#n"#.utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xFF]
        var accepted = 0
        var rejected = 0
        for _ in 0..<20_000 {
            var bytes = base
            for _ in 0...rng.next(4) {
                let at = rng.next(bytes.count + 1)
                switch rng.next(6) {
                case 0 where at < bytes.count: bytes[at] = UInt8(truncatingIfNeeded: rng.next(256))
                case 1 where at < bytes.count: bytes[at] = interesting[rng.next(interesting.count)]
                case 2: bytes.insert(interesting[rng.next(interesting.count)], at: at)
                case 3 where at < bytes.count: bytes.remove(at: at)
                case 4 where at < bytes.count:
                    let slice = bytes[at..<min(bytes.count, at + 1 + rng.next(32))]
                    bytes.insert(contentsOf: slice, at: rng.next(bytes.count + 1))
                default: bytes.removeSubrange(at...)
                }
            }
            do {
                let value = try JSONParser.parse(bytes)
                accepted += 1
                XCTAssertEqual(try JSONParser.parse(JSONWriter.compact(value)), value)
                // Foundation turns numbers into Double and so refuses exponents past its range; we keep literals.
                if !hasHugeExponent(value) {
                    XCTAssertNotNil(try? JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed),
                                    "accepted what Foundation rejects: \(String(decoding: bytes, as: UTF8.self))")
                }
            } catch let error as JSONParseError {
                rejected += 1
                XCTAssert((0...bytes.count).contains(error.offset), "\(error) for \(bytes.count) bytes")
                XCTAssertFalse(error.reason.isEmpty)
            }
        }
        // Both outcomes must be common, or the mutations are not exercising the parser.
        XCTAssertGreaterThan(accepted, 1_000)
        XCTAssertGreaterThan(rejected, 10_000)
    }

    private func hasHugeExponent(_ value: JSONValue) -> Bool {
        switch value {
        case .number(let literal):
            guard let e = literal.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return false }
            return literal[e...].filter(\.isNumber).count > 2
        case .array(let elements): return elements.contains(where: hasHugeExponent)
        case .object(let object): return object.members.contains { hasHugeExponent($0.value) }
        default: return false
        }
    }

    /// Short strings over the grammar's own alphabet reach states a mutated line rarely does;
    /// here acceptance must match Foundation's exactly, except for what we reject on purpose.
    func testTinyDocumentsAgreeWithFoundation() {
        var rng = SplitMix64(seed: 7)
        let alphabet = Array(#"{}[]":,\-.e0 1a"#.utf8)
        for _ in 0..<30_000 {
            let bytes = (0...rng.next(8)).map { _ in alphabet[rng.next(alphabet.count)] }
            let ours = (try? JSONParser.parse(bytes)) != nil
            let theirs = (try? JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)) != nil
            if ours != theirs, !(theirs && isDuplicateKeyError(bytes)) {
                XCTFail("ours \(ours), Foundation \(theirs): \(String(decoding: bytes, as: UTF8.self))")
            }
        }
    }

    private func isDuplicateKeyError(_ bytes: [UInt8]) -> Bool {
        do { _ = try JSONParser.parse(bytes); return false } catch { return (error as? JSONParseError)?.reason.description.hasPrefix("duplicate key") == true }
    }

    // MARK: Foundation cross-checks on valid lines

    func testRandomLinesRoundTripThroughFoundation() throws {
        var rng = SplitMix64(seed: 42)
        // No U+FEFF: Foundation on Linux silently drops one that starts a string value.
        let palette: [Unicode.Scalar] = Array("aZ9 -_/:.,'\"\\é€ü中文😀🍕\u{301}\u{7F}\u{2028}\u{2029}\u{FFFF}\u{10FFFF}".unicodeScalars)
            + (0..<0x20).map { Unicode.Scalar(UInt8($0)) }
        for _ in 0..<2_000 {
            var object = JSONObject()
            var expectedStrings: [String: String] = [:]
            var expectedNumbers: [String: Int64] = [:]
            for index in 0..<(1 + rng.next(12)) {
                let key = "k\(index)"
                if rng.next(3) == 0 {
                    let number = Int64(bitPattern: rng.next()) >> rng.next(64)
                    expectedNumbers[key] = number
                    object.append(key, .number(String(number)))
                } else {
                    var text = ""
                    for _ in 0..<rng.next(24) { text.unicodeScalars.append(palette[rng.next(palette.count)]) }
                    expectedStrings[key] = text
                    object.append(key, .string(text))
                }
            }
            // Ours written, Foundation read.
            let line = JSONWriter.compact(.object(object))
            let foreign = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            XCTAssertEqual(foreign.count, object.members.count)
            for (key, text) in expectedStrings {
                XCTAssertEqual((foreign[key] as? String).map { Array($0.utf8) }, Array(text.utf8), line)
            }
            for (key, number) in expectedNumbers {
                XCTAssertEqual((foreign[key] as? NSNumber)?.int64Value, number, line)
            }
            // Foundation written, ours read.
            let data = try JSONSerialization.data(withJSONObject: foreign)
            guard case .object(let reread) = try JSONParser.parse(Array(data)) else { return XCTFail("not an object") }
            XCTAssertEqual(reread.members.count, object.members.count)
            for (key, text) in expectedStrings {
                guard case .string(let got) = reread[key] else { XCTFail("\(key) missing"); continue }
                XCTAssertEqual(Array(got.utf8), Array(text.utf8), String(decoding: data, as: UTF8.self))
            }
            for (key, number) in expectedNumbers {
                XCTAssertEqual(reread[key], .number(String(number)))
            }
        }
    }
}
