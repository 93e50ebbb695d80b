# ASan + UBSan for the whole build (CIVICDESK_SANITIZE=ON, or the asan preset).
# -no-pie: CTest starts a suite's executable anew for every test, and a position-independent
# one applied over a million relocations (ASan's globals, vtables) at each start, about 0.2 s,
# half the run of a typical test. (-O0 stays: -O1 halves the suite's run but doubles the
# build, which costs more.)
if(CIVICDESK_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined -no-pie)
endif()

# The libFuzzer build (CIVICDESK_FUZZ=ON, as scripts/fuzz configures build-fuzz/): clang only.
# Every library gets libFuzzer's coverage instrumentation without its main
# (fuzzer-no-link) plus ASan and UBSan; the targets in fuzz/ add -fsanitize=fuzzer.
if(CIVICDESK_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "CIVICDESK_FUZZ needs clang (libFuzzer is clang's): "
                        "configure with -DCMAKE_CXX_COMPILER=clang++, as scripts/fuzz does")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
