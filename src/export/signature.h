#pragma once
// Ed25519 signatures over manifest.json (RFC 8032, through OpenSSL's EVP interface).
//
// The signature file `manifest.json.sig` holds the standard base64 (RFC 4648 section 4, padded)
// of the raw 64-byte Ed25519 signature over the exact bytes of manifest.json, followed by one line
// feed: 89 bytes in all. Check it by hand with OpenSSL 3:
//   base64 -d manifest.json.sig > sig.bin
//   openssl pkeyutl -verify -pubin -inkey public.pem -rawin -in manifest.json -sigfile sig.bin
//
// Keys travel as PEM: the private key as unencrypted PKCS #8 ("BEGIN PRIVATE KEY"), the public key
// as SubjectPublicKeyInfo ("BEGIN PUBLIC KEY"), the forms `openssl genpkey -algorithm ed25519`
// writes.

#include <stdexcept>
#include <string>
#include <string_view>

namespace craft::exporting {

inline constexpr std::string_view kSignatureEntry = "manifest.json.sig";

// Thrown when a key is not an Ed25519 key in the PEM form above, or OpenSSL fails.
class SignatureError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SigningKeyPair {
  std::string private_key_pem;
  std::string public_key_pem;
};

// A fresh key pair from OpenSSL's random generator. Throws SignatureError when OpenSSL fails.
SigningKeyPair GenerateSigningKey();

// The public key of a private key, as PEM. Throws SignatureError on a bad key.
std::string PublicKeyOf(std::string_view private_key_pem);

// SHA-256 (lowercase hex) of the public key's DER SubjectPublicKeyInfo: a short name for the key
// that `openssl pkey -pubin -outform DER | sha256sum` reproduces. Throws SignatureError on a bad
// key.
std::string PublicKeyFingerprint(std::string_view public_key_pem);

// The contents of manifest.json.sig for these manifest bytes. Deterministic (Ed25519 is). Throws
// SignatureError on a bad key.
std::string SignManifest(std::string_view manifest, std::string_view private_key_pem);

enum class SignatureCheck {
  kValid,
  kInvalid,             // well-formed, but not made by this key over these bytes
  kMalformedSignature,  // not base64 of exactly 64 bytes (surrounding whitespace is allowed)
  kBadPublicKey,        // not an Ed25519 public key in PEM
};
std::string_view ToString(SignatureCheck check);  // "valid", "invalid", ...

// Checks a manifest.json.sig against the manifest bytes and a public key. Never throws.
SignatureCheck VerifyManifestSignature(std::string_view manifest, std::string_view signature_file,
                                       std::string_view public_key_pem);

}  // namespace craft::exporting
