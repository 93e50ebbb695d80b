#include "channels/OpenSslAlgorithms.hpp"

namespace civicdesk::channels::openssl {

namespace {

// Owns one fetched algorithm for the life of the process.
template <class Algorithm, void (*Free)(Algorithm*)>
class Fetched {
 public:
  explicit Fetched(Algorithm* algorithm) : algorithm_(algorithm) {}
  ~Fetched() { Free(algorithm_); }
  Fetched(const Fetched&) = delete;
  Fetched& operator=(const Fetched&) = delete;
  const Algorithm* get() const { return algorithm_; }

 private:
  Algorithm* algorithm_;
};

}  // namespace

const EVP_MD* sha1() {
  static const Fetched<EVP_MD, EVP_MD_free> md(EVP_MD_fetch(nullptr, "SHA1", nullptr));
  return md.get();
}

const EVP_MD* sha256() {
  static const Fetched<EVP_MD, EVP_MD_free> md(EVP_MD_fetch(nullptr, "SHA256", nullptr));
  return md.get();
}

const EVP_CIPHER* aes256Cbc() {
  static const Fetched<EVP_CIPHER, EVP_CIPHER_free> cipher(
      EVP_CIPHER_fetch(nullptr, "AES-256-CBC", nullptr));
  return cipher.get();
}

}  // namespace civicdesk::channels::openssl
