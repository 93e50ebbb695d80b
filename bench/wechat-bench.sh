# Sourced by the WeChat benchmarks (bench/run-wechat-load, bench/count-instructions): the
# benchmark build and the credentials every server and corpus of them share.

BUILD="build-bench"

# Benchmark credentials (not secrets; the same for the ceiling, the peer and CivicDesk).
export CIVICDESK_WECHAT_TOKEN="bench-token-7"
export CIVICDESK_WECHAT_APPID="wx00000000bench007"
export CIVICDESK_WECHAT_AES_KEY="abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
# The corpora are signed once, before the first run, and replayed for several minutes: the
# callbacks' freshness window is widened to an hour, not switched off, so the timestamp check
# and the plaintext replay guard stay in the measured work.
export CIVICDESK_WECHAT_MAX_CLOCK_SKEW_SECONDS=3600

# The Release build of the benchmarks in $BUILD, with the given targets.
build_bench() {
  cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DCIVICDESK_TESTS=OFF -DCIVICDESK_BENCH=ON \
    >/dev/null
  cmake --build "$BUILD" -j"$(nproc)" --target "$@" >/dev/null
}
