#include "export/signature.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <array>
#include <memory>
#include <optional>

#include "core/digest.h"

namespace craft::exporting {
namespace {

constexpr std::size_t kSignatureSize = 64;

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using Bio = std::unique_ptr<BIO, BioFree>;
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

Bio ReadBio(std::string_view pem) {
  return Bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

std::string BioText(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return n > 0 ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

// Keeps Ed25519 keys only; leaves no failure behind on this thread's OpenSSL error queue.
Pkey Ed25519Only(EVP_PKEY* key) {
  Pkey owned(key);
  if (owned && EVP_PKEY_id(owned.get()) != EVP_PKEY_ED25519) owned.reset();
  if (!owned) ERR_clear_error();
  return owned;
}

Pkey LoadPrivate(std::string_view pem) {
  Bio bio = ReadBio(pem);
  if (!bio) return nullptr;
  return Ed25519Only(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

Pkey LoadPublic(std::string_view pem) {
  Bio bio = ReadBio(pem);
  if (!bio) return nullptr;
  return Ed25519Only(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
}

std::string PublicPem(EVP_PKEY* key) {
  Bio out(BIO_new(BIO_s_mem()));
  if (!out || PEM_write_bio_PUBKEY(out.get(), key) != 1) {
    throw SignatureError("OpenSSL: cannot write the public key");
  }
  return BioText(out.get());
}

std::string Base64(const unsigned char* bytes, std::size_t n) {
  std::string out(4 * ((n + 2) / 3), '\0');
  const int written =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes, static_cast<int>(n));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

// Strict decoding of the padded standard alphabet; nullopt for anything else.
std::optional<std::string> DecodeBase64(std::string_view text) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::size_t padding = 0;
  while (padding < 2 && text[text.size() - 1 - padding] == '=') ++padding;
  std::string out;
  std::uint32_t accumulator = 0;
  int bits = 0;
  for (std::size_t i = 0; i < text.size() - padding; ++i) {
    const std::size_t value = kAlphabet.find(text[i]);
    if (value == std::string_view::npos) return std::nullopt;
    accumulator = (accumulator << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((accumulator >> bits) & 0xFF));
    }
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

}  // namespace

SigningKeyPair GenerateSigningKey() {
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &raw) != 1) {
    throw SignatureError("OpenSSL: Ed25519 key generation failed");
  }
  Pkey key(raw);
  Bio out(BIO_new(BIO_s_mem()));
  if (!out ||
      PEM_write_bio_PrivateKey(out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    throw SignatureError("OpenSSL: cannot write the private key");
  }
  return {BioText(out.get()), PublicPem(key.get())};
}

std::string PublicKeyOf(std::string_view private_key_pem) {
  Pkey key = LoadPrivate(private_key_pem);
  if (!key) throw SignatureError("not an Ed25519 private key in PEM (PKCS #8)");
  return PublicPem(key.get());
}

std::string PublicKeyFingerprint(std::string_view public_key_pem) {
  Pkey key = LoadPublic(public_key_pem);
  if (!key) throw SignatureError("not an Ed25519 public key in PEM");
  unsigned char* der = nullptr;
  const int n = i2d_PUBKEY(key.get(), &der);
  if (n <= 0) throw SignatureError("OpenSSL: cannot encode the public key");
  std::string digest = core::Sha256Hex(
      std::string_view(reinterpret_cast<const char*>(der), static_cast<std::size_t>(n)));
  OPENSSL_free(der);
  return digest;
}

std::string SignManifest(std::string_view manifest, std::string_view private_key_pem) {
  Pkey key = LoadPrivate(private_key_pem);
  if (!key) throw SignatureError("not an Ed25519 private key in PEM (PKCS #8)");
  MdCtx ctx(EVP_MD_CTX_new());
  std::array<unsigned char, kSignatureSize> signature{};
  std::size_t length = signature.size();
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), signature.data(), &length,
                     reinterpret_cast<const unsigned char*>(manifest.data()),
                     manifest.size()) != 1 ||
      length != kSignatureSize) {
    throw SignatureError("OpenSSL: Ed25519 signing failed");
  }
  return Base64(signature.data(), signature.size()) + "\n";
}

std::string_view ToString(SignatureCheck check) {
  switch (check) {
    case SignatureCheck::kValid:
      return "valid";
    case SignatureCheck::kInvalid:
      return "invalid";
    case SignatureCheck::kMalformedSignature:
      return "malformed_signature";
    case SignatureCheck::kBadPublicKey:
      break;
  }
  return "bad_public_key";
}

SignatureCheck VerifyManifestSignature(std::string_view manifest, std::string_view signature_file,
                                       std::string_view public_key_pem) {
  Pkey key = LoadPublic(public_key_pem);
  if (!key) return SignatureCheck::kBadPublicKey;
  const auto signature = DecodeBase64(Trim(signature_file));
  if (!signature || signature->size() != kSignatureSize) {
    return SignatureCheck::kMalformedSignature;
  }
  MdCtx ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1) {
    return SignatureCheck::kInvalid;
  }
  const int rc = EVP_DigestVerify(
      ctx.get(), reinterpret_cast<const unsigned char*>(signature->data()), signature->size(),
      reinterpret_cast<const unsigned char*>(manifest.data()), manifest.size());
  return rc == 1 ? SignatureCheck::kValid : SignatureCheck::kInvalid;
}

}  // namespace craft::exporting
