# Warnings are errors in every target of ours (never in third-party headers, which are
# included as system headers by their imported targets).
function(civicdesk_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wpedantic -Wshadow
                                           -Wnon-virtual-dtor -Wno-missing-field-initializers)
endfunction()
