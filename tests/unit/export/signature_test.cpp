// Ed25519 signatures of manifest.json, cross-checked with the openssl command line tool.
#include "export/signature.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace craft::exporting {
namespace {

using fixture::Quote;
using fixture::RunCommand;
using fixture::TempDir;

const std::string kManifest = "{\"export_format\":\"craft Technical File v1.1\",\"x\":\"Müller\"}";

TEST(Signature, SignedManifestVerifiesWithItsPublicKey) {
  const SigningKeyPair keys = GenerateSigningKey();
  EXPECT_NE(keys.private_key_pem.find("BEGIN PRIVATE KEY"), std::string::npos);
  EXPECT_NE(keys.public_key_pem.find("BEGIN PUBLIC KEY"), std::string::npos);
  const std::string sig = SignManifest(kManifest, keys.private_key_pem);
  EXPECT_EQ(sig.size(), 89u);  // 88 base64 characters of 64 bytes, and a line feed
  EXPECT_EQ(sig.back(), '\n');
  EXPECT_EQ(VerifyManifestSignature(kManifest, sig, keys.public_key_pem), SignatureCheck::kValid);
  EXPECT_EQ(PublicKeyOf(keys.private_key_pem), keys.public_key_pem);
}

TEST(Signature, AChangedByteOrAnotherKeyIsInvalid) {
  const SigningKeyPair keys = GenerateSigningKey();
  const SigningKeyPair other = GenerateSigningKey();
  const std::string sig = SignManifest(kManifest, keys.private_key_pem);
  std::string tampered = kManifest;
  tampered[10] ^= 1;
  EXPECT_EQ(VerifyManifestSignature(tampered, sig, keys.public_key_pem), SignatureCheck::kInvalid);
  EXPECT_EQ(VerifyManifestSignature(kManifest, sig, other.public_key_pem),
            SignatureCheck::kInvalid);
  std::string flipped = sig;
  flipped[5] = flipped[5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(VerifyManifestSignature(kManifest, flipped, keys.public_key_pem),
            SignatureCheck::kInvalid);
}

TEST(Signature, MalformedSignaturesAndKeysAreNamedAsSuch) {
  const SigningKeyPair keys = GenerateSigningKey();
  const std::string sig = SignManifest(kManifest, keys.private_key_pem);
  for (const std::string& bad : {std::string(), std::string("not base64!"), sig.substr(0, 44),
                                 sig.substr(0, 80) + "====", std::string(88, '*')}) {
    EXPECT_EQ(VerifyManifestSignature(kManifest, bad, keys.public_key_pem),
              SignatureCheck::kMalformedSignature)
        << bad;
  }
  EXPECT_EQ(VerifyManifestSignature(kManifest, sig, "garbage"), SignatureCheck::kBadPublicKey);
  // A private key is not a public key.
  EXPECT_EQ(VerifyManifestSignature(kManifest, sig, keys.private_key_pem),
            SignatureCheck::kBadPublicKey);
  EXPECT_THROW(SignManifest(kManifest, keys.public_key_pem), SignatureError);
  EXPECT_THROW(SignManifest(kManifest, "garbage"), SignatureError);
}

TEST(Signature, RsaKeysAreRefused) {
  TempDir dir;
  ASSERT_EQ(RunCommand("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out " +
                       Quote(dir / "rsa.pem"))
                .exit_code,
            0);
  EXPECT_THROW(SignManifest(kManifest, fixture::ReadFile(dir / "rsa.pem")), SignatureError);
}

// The header promises that openssl verifies the .sig by hand; hold it to that.
TEST(Signature, OpensslCommandLineVerifiesOurSignature) {
  TempDir dir;
  const SigningKeyPair keys = GenerateSigningKey();
  fixture::WriteFile(dir / "manifest.json", kManifest);
  fixture::WriteFile(dir / "manifest.json.sig", SignManifest(kManifest, keys.private_key_pem));
  fixture::WriteFile(dir / "public.pem", keys.public_key_pem);
  const auto decoded =
      RunCommand("base64 -d " + Quote(dir / "manifest.json.sig") + " > " + Quote(dir / "sig.bin"));
  ASSERT_EQ(decoded.exit_code, 0) << decoded.output;
  const auto verified = RunCommand(
      "openssl pkeyutl -verify -pubin -inkey " + Quote(dir / "public.pem") + " -rawin -in " +
      Quote(dir / "manifest.json") + " -sigfile " + Quote(dir / "sig.bin"));
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  EXPECT_NE(verified.output.find("Signature Verified Successfully"), std::string::npos);
  const auto fingerprint = RunCommand("openssl pkey -pubin -in " + Quote(dir / "public.pem") +
                                      " -outform DER | sha256sum");
  EXPECT_EQ(fingerprint.output.substr(0, 64), PublicKeyFingerprint(keys.public_key_pem));
}

// A key made by `openssl genpkey -algorithm ed25519` signs, and openssl accepts the result.
TEST(Signature, KeyFromOpensslGenpkeyWorks) {
  TempDir dir;
  ASSERT_EQ(RunCommand("openssl genpkey -algorithm ed25519 -out " + Quote(dir / "k.pem")).exit_code,
            0);
  const std::string private_pem = fixture::ReadFile(dir / "k.pem");
  const auto public_pem = RunCommand("openssl pkey -in " + Quote(dir / "k.pem") + " -pubout");
  EXPECT_EQ(PublicKeyOf(private_pem), public_pem.output);
  EXPECT_EQ(
      VerifyManifestSignature(kManifest, SignManifest(kManifest, private_pem), public_pem.output),
      SignatureCheck::kValid);
}

}  // namespace
}  // namespace craft::exporting
