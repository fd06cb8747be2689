#include "http/multipart.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace craft::http {
namespace {

// A body handed out in the pieces given by `cuts` (offsets), then `step` bytes at a time.
class MemoryBody : public BodyReader {
 public:
  explicit MemoryBody(std::string data, std::size_t step = 1 << 20,
                      std::vector<std::size_t> cuts = {})
      : data_(std::move(data)), step_(step), cuts_(std::move(cuts)) {}

  std::size_t Read(char* buffer, std::size_t size) override {
    std::size_t limit = step_;
    for (std::size_t cut : cuts_) {
      if (cut > offset_) {
        limit = std::min(limit, cut - offset_);
        break;
      }
    }
    std::size_t n = std::min({size, limit, data_.size() - offset_});
    std::memcpy(buffer, data_.data() + offset_, n);
    offset_ += n;
    return n;
  }
  std::optional<std::uint64_t> declared_length() const override { return data_.size(); }
  std::size_t consumed() const { return offset_; }

 private:
  std::string data_;
  std::size_t step_;
  std::vector<std::size_t> cuts_;
  std::size_t offset_ = 0;
};

struct Part {
  PartHeaders headers;
  std::string content;
};

std::vector<Part> ReadAll(BodyReader& body, std::string_view content_type,
                          std::size_t read_size = 4096) {
  MultipartReader reader(body, content_type);
  std::vector<Part> parts;
  PartHeaders headers;
  std::vector<char> buffer(read_size);
  while (reader.NextPart(headers)) {
    Part part{headers, {}};
    while (std::size_t n = reader.ReadPart(buffer.data(), buffer.size())) {
      part.content.append(buffer.data(), n);
    }
    parts.push_back(std::move(part));
  }
  return parts;
}

constexpr std::string_view kType = "multipart/form-data; boundary=XyZ";

std::string FormBody() {
  return "--XyZ\r\n"
         "Content-Disposition: form-data; name=\"type\"\r\n"
         "\r\n"
         "sbom\r\n"
         "--XyZ\r\n"
         "Content-Disposition: form-data; name=\"file\"; filename=\"bom.json\"\r\n"
         "Content-Type: application/json\r\n"
         "\r\n"
         "{\"bomFormat\":\"CycloneDX\"}\r\n"
         "--XyZ--\r\n";
}

// Bytes that look like delimiters without being one.
std::string TrickyBinary() {
  std::string data = "\r\n--XyY\r\n--X\r\n--Xy\r\n-\r\n--\r\n\r\r\n--";
  for (int i = 0; i < 256; ++i) data.push_back(static_cast<char>(i));
  data += "--XyZ";  // not preceded by CRLF: content
  data += "\r\n--Xyz-";
  data.insert(data.begin() + 3, '\0');
  return data + "\r\n";
}

std::string TwoFileBody(const std::string& first, const std::string& second) {
  return "preamble to ignore\r\n--XyZ\r\n"
         "Content-Disposition: form-data; name=\"a\"; filename=\"a.bin\"\r\n\r\n" +
         first +
         "\r\n--XyZ  \t\r\n"  // transport padding after the delimiter
         "content-disposition: form-data; name=\"b\"; filename=\"b.bin\"\r\n"
         "content-type: application/octet-stream\r\n\r\n" +
         second + "\r\n--XyZ--\r\nepilogue to ignore";
}

TEST(MultipartReader, ReadsFieldsAndFiles) {
  MemoryBody body(FormBody());
  auto parts = ReadAll(body, kType);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].headers.name, "type");
  EXPECT_EQ(parts[0].headers.filename, "");
  EXPECT_EQ(parts[0].headers.content_type, "");
  EXPECT_EQ(parts[0].content, "sbom");
  EXPECT_EQ(parts[1].headers.name, "file");
  EXPECT_EQ(parts[1].headers.filename, "bom.json");
  EXPECT_EQ(parts[1].headers.content_type, "application/json");
  EXPECT_EQ(parts[1].content, "{\"bomFormat\":\"CycloneDX\"}");
  EXPECT_EQ(body.consumed(), FormBody().size());  // the epilogue is drained
}

TEST(MultipartReader, ReadsTwoFilesWithPreamblePaddingAndEpilogue) {
  MemoryBody body(TwoFileBody("first file", TrickyBinary()));
  auto parts = ReadAll(body, kType);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].headers.filename, "a.bin");
  EXPECT_EQ(parts[0].content, "first file");
  EXPECT_EQ(parts[1].headers.name, "b");
  EXPECT_EQ(parts[1].headers.filename, "b.bin");
  EXPECT_EQ(parts[1].content, TrickyBinary());
  EXPECT_EQ(parts[1].headers.headers.size(), 2u);
}

TEST(MultipartReader, FindsDelimitersSplitAtEveryPosition) {
  const std::string data = TwoFileBody(TrickyBinary(), "tail\r\n--Xy");  // ends like a delimiter
  MemoryBody whole(data);
  const auto expected = ReadAll(whole, kType);
  ASSERT_EQ(expected.size(), 2u);
  ASSERT_EQ(expected[1].content, "tail\r\n--Xy");
  for (std::size_t cut = 1; cut < data.size(); ++cut) {
    MemoryBody body(data, 1 << 20, {cut});
    auto parts = ReadAll(body, kType, 7);
    ASSERT_EQ(parts.size(), 2u) << "cut at " << cut;
    EXPECT_EQ(parts[0].content, expected[0].content) << "cut at " << cut;
    EXPECT_EQ(parts[1].content, expected[1].content) << "cut at " << cut;
  }
}

TEST(MultipartReader, WorksFedOneByteAtATimeAndReadOneByteAtATime) {
  MemoryBody body(TwoFileBody(TrickyBinary(), TrickyBinary()), 1);
  auto parts = ReadAll(body, kType, 1);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].content, TrickyBinary());
  EXPECT_EQ(parts[1].content, TrickyBinary());
}

TEST(MultipartReader, SkipsUnreadParts) {
  MemoryBody body(TwoFileBody(std::string(200000, 'x'), "second"), 1000);
  MultipartReader reader(body, kType);
  PartHeaders part;
  ASSERT_TRUE(reader.NextPart(part));
  char buffer[10];
  EXPECT_EQ(reader.ReadPart(buffer, sizeof buffer), 10u);
  ASSERT_TRUE(reader.NextPart(part));
  EXPECT_EQ(part.name, "b");
  std::string content(16, '\0');
  content.resize(reader.ReadPart(content.data(), content.size()));
  EXPECT_EQ(content, "second");
  EXPECT_EQ(reader.ReadPart(buffer, sizeof buffer), 0u);
  EXPECT_FALSE(reader.NextPart(part));
  EXPECT_FALSE(reader.NextPart(part));
}

TEST(MultipartReader, ReportsTruncatedBodies) {
  const std::string data = FormBody();
  for (std::size_t length : {std::size_t{0}, std::size_t{3}, std::size_t{20}, std::size_t{60},
                             data.size() - 8, data.size() - 4}) {
    MemoryBody body(data.substr(0, length));
    try {
      ReadAll(body, kType);
      ADD_FAILURE() << "no error for a body cut at " << length;
    } catch (const ProblemError& e) {
      EXPECT_EQ(e.status(), 400);
      EXPECT_EQ(e.detail(), "multipart body truncated") << length;
    }
  }
}

TEST(MultipartReader, RefusesMissingOrInvalidBoundary) {
  MemoryBody body(FormBody());
  for (std::string_view type :
       {"multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; charset=x",
        "multipart/form-data; boundary=\"ends with space \"",
        "multipart/form-data; boundary=a{b}"}) {
    try {
      MultipartReader reader(body, type);
      ADD_FAILURE() << type;
    } catch (const ProblemError& e) {
      EXPECT_EQ(e.status(), 400) << type;
      EXPECT_EQ(e.detail(), "multipart boundary missing") << type;
    }
  }
  std::string too_long = "multipart/form-data; boundary=" + std::string(71, 'b');
  EXPECT_THROW(MultipartReader(body, too_long), ProblemError);
  try {
    MultipartReader reader(body, "application/json");
    ADD_FAILURE();
  } catch (const ProblemError& e) {
    EXPECT_EQ(e.status(), 415);
  }
}

TEST(MultipartReader, AcceptsQuotedBoundaryAndCaseInsensitiveMediaType) {
  MemoryBody body("--a b:c\r\nContent-Disposition: form-data; name=x\r\n\r\n1\r\n--a b:c--");
  auto parts = ReadAll(body, "Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b:c\"");
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].headers.name, "x");
  EXPECT_EQ(parts[0].content, "1");
}

TEST(MultipartReader, DecodesRfc5987FileNames) {
  MemoryBody body(
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"file\"; filename=\"EUR rates.txt\"; "
      "filename*=UTF-8''%E2%82%AC%20rates.txt\r\n\r\n"
      "x\r\n--XyZ\r\n"
      "Content-Disposition: form-data; name=\"latin\"; filename*=iso-8859-1'de'%E4pfel.txt\r\n"
      "\r\n\r\n--XyZ\r\n"
      "Content-Disposition: form-data; name=\"q\"; filename=\"say \\\"hi\\\".txt\"\r\n"
      "\r\n\r\n--XyZ--");
  auto parts = ReadAll(body, kType);
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].headers.filename, "\xE2\x82\xAC rates.txt");
  EXPECT_EQ(parts[1].headers.filename, "\xC3\xA4pfel.txt");
  EXPECT_EQ(parts[1].content, "");
  EXPECT_EQ(parts[2].headers.filename, "say \"hi\".txt");
}

TEST(MultipartReader, CapsPartHeaderSize) {
  std::string big =
      "--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\nX-Pad: " + std::string(9000, 'p') +
      "\r\n\r\ndata\r\n--XyZ--";
  MemoryBody body(big);
  try {
    ReadAll(body, kType);
    ADD_FAILURE();
  } catch (const ProblemError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_NE(e.detail().find("8192"), std::string::npos) << e.detail();
  }
}

TEST(MultipartReader, CapsPartCount) {
  std::string many;
  for (std::size_t i = 0; i <= MultipartReader::kMaxParts; ++i) {
    many +=
        "--XyZ\r\nContent-Disposition: form-data; name=\"f" + std::to_string(i) + "\"\r\n\r\nv\r\n";
  }
  MemoryBody body(many + "--XyZ--");
  try {
    ReadAll(body, kType);
    ADD_FAILURE();
  } catch (const ProblemError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_NE(e.detail().find("100 parts"), std::string::npos) << e.detail();
  }
}

TEST(MultipartReader, RefusesGarbageAfterDelimiter) {
  MemoryBody body("--XyZjunk\r\n\r\nx\r\n--XyZ--");
  EXPECT_THROW(ReadAll(body, kType), ProblemError);
}

}  // namespace
}  // namespace craft::http
