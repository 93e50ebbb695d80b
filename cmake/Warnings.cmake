# Warnings are errors in every target of ours (never in third-party headers, which are
# included as system headers by their imported targets).
function(civicdesk_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wpedantic -Wshadow
                                           -Wnon-virtual-dtor -Wno-missing-field-initializers)
  # g++ 12 reports false -Wrestrict errors inside libstdc++'s std::string at -O2/-O3
  # (GCC bug 105329, fixed in g++ 13); they fire on ordinary string concatenation.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
endfunction()
