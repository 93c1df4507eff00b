# Cross-compiling for the RV32 core (docs/rv32.md): Debian's gcc-riscv64-unknown-elf and
# picolibc-riscv64-unknown-elf, rv32im / ilp32, no startfiles (firmware/rv32/crt0.S).
#
# Sets SUSHI_HAVE_RV32 (ON when the cross-compiler and picolibc are found) and defines
#   sushi_rv32_elf(TARGET OUTPUT SOURCES... [INCLUDES dirs...] [DEPENDS files...] [LINKER_SCRIPT ld])
# which builds one ELF with one compiler invocation (a custom command, part of `all`).
# Without the cross-compiler the RISC-V parts are skipped with a message; the build goes on.

set(SUSHI_HAVE_RV32 OFF)
find_program(SUSHI_RISCV_GCC riscv64-unknown-elf-gcc)
set(SUSHI_RV32_ARCH_FLAGS -march=rv32im -mabi=ilp32 -misa-spec=2.2)
# -misa-spec=2.2: Zicsr/Zifencei are part of the base ISA there, and -march=rv32im then selects
# picolibc's rv32im/ilp32 multilib (an "_zicsr" suffix would fall back to the rv64 default).

get_property(_sushi_rv32_reported GLOBAL PROPERTY SUSHI_RV32_REPORTED)
if(NOT SUSHI_RISCV_GCC OR NOT EXISTS "${SUSHI_RISCV_GCC}")
  if(NOT _sushi_rv32_reported)
    message(STATUS "RISC-V: riscv64-unknown-elf-gcc not found: skipping the RV32 firmware, the rv32 "
                   "instruction tests and the host/rv32 equivalence test (cpu.kind: rv32 needs an ELF; "
                   "install gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf, see scripts/setup-debian.sh)")
    set_property(GLOBAL PROPERTY SUSHI_RV32_REPORTED TRUE)
  endif()
  return()
endif()
execute_process(COMMAND ${SUSHI_RISCV_GCC} ${SUSHI_RV32_ARCH_FLAGS} --specs=picolibc.specs -print-multi-directory
                OUTPUT_VARIABLE _sushi_rv32_multi OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE _sushi_rv32_rc
                ERROR_QUIET)
if(NOT _sushi_rv32_rc EQUAL 0 OR NOT _sushi_rv32_multi STREQUAL "rv32im/ilp32")
  if(NOT _sushi_rv32_reported)
    message(STATUS "RISC-V: ${SUSHI_RISCV_GCC} has no picolibc rv32im/ilp32 library (got '${_sushi_rv32_multi}'): "
                   "skipping the RV32 firmware and tests (install picolibc-riscv64-unknown-elf)")
    set_property(GLOBAL PROPERTY SUSHI_RV32_REPORTED TRUE)
  endif()
  return()
endif()
set(SUSHI_HAVE_RV32 ON)
if(NOT _sushi_rv32_reported)
  message(STATUS "RISC-V: building the RV32 firmware with ${SUSHI_RISCV_GCC}")
  set_property(GLOBAL PROPERTY SUSHI_RV32_REPORTED TRUE)
endif()

set(SUSHI_RV32_CFLAGS ${SUSHI_RV32_ARCH_FLAGS} --specs=picolibc.specs -O2 -g -std=c11 -ffreestanding
    -fno-delete-null-pointer-checks -Wall -Wextra -nostartfiles -Wl,--no-warn-rwx-segments -Wl,--nmagic)

function(sushi_rv32_elf target)
  cmake_parse_arguments(E "" "OUTPUT;LINKER_SCRIPT" "SOURCES;INCLUDES;DEPENDS;FLAGS" ${ARGN})
  if(NOT E_LINKER_SCRIPT)
    set(E_LINKER_SCRIPT ${PROJECT_SOURCE_DIR}/firmware/rv32/sushi_rv32.ld)
  endif()
  set(incs)
  foreach(d ${E_INCLUDES})
    list(APPEND incs -I${d})
  endforeach()
  get_filename_component(outdir ${E_OUTPUT} DIRECTORY)
  add_custom_command(
    OUTPUT ${E_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${outdir}
    COMMAND ${SUSHI_RISCV_GCC} ${SUSHI_RV32_CFLAGS} ${E_FLAGS} -T ${E_LINKER_SCRIPT} ${incs} ${E_SOURCES}
            -Wl,-Map,${E_OUTPUT}.map -o ${E_OUTPUT}
    DEPENDS ${E_SOURCES} ${E_DEPENDS} ${E_LINKER_SCRIPT}
    COMMENT "RV32: building ${E_OUTPUT}"
    VERBATIM COMMAND_EXPAND_LISTS)
  add_custom_target(${target} ALL DEPENDS ${E_OUTPUT})
endfunction()
