#pragma once
// The OpenSSL 3 algorithm implementations the channels use, each fetched from the default
// provider once. The implicit forms (SHA1(), EVP_sha1(), EVP_aes_256_cbc()) look the algorithm
// up again at every use, which cost more than hashing a WeChat signature string
// (bench/RESULTS.md). A fetched algorithm is immutable and may be shared by threads; null if
// the provider has none, and every use of it then fails.
#include <openssl/evp.h>

namespace civicdesk::channels::openssl {

const EVP_MD* sha1();
const EVP_MD* sha256();
const EVP_CIPHER* aes256Cbc();

}  // namespace civicdesk::channels::openssl
