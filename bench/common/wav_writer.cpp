#include "common/wav_writer.h"

#include <fstream>
#include <stdexcept>

namespace facecast::bench {
namespace {

void put_u32(std::ofstream& out, uint32_t v) {
  const char b[4] = {char(v), char(v >> 8), char(v >> 16), char(v >> 24)};
  out.write(b, 4);
}
void put_u16(std::ofstream& out, uint16_t v) {
  const char b[2] = {char(v), char(v >> 8)};
  out.write(b, 2);
}

}  // namespace

void write_wav16(const std::string& path, const std::vector<int16_t>& samples, int sample_rate) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::runtime_error("cannot write " + path);
  const uint32_t data_bytes = static_cast<uint32_t>(samples.size() * 2);
  out.write("RIFF", 4);
  put_u32(out, 36 + data_bytes);
  out.write("WAVEfmt ", 8);
  put_u32(out, 16);
  put_u16(out, 1);  // PCM
  put_u16(out, 1);  // mono
  put_u32(out, static_cast<uint32_t>(sample_rate));
  put_u32(out, static_cast<uint32_t>(sample_rate * 2));
  put_u16(out, 2);
  put_u16(out, 16);
  out.write("data", 4);
  put_u32(out, data_bytes);
  for (int16_t s : samples) put_u16(out, static_cast<uint16_t>(s));  // little-endian
  if (!out) throw std::runtime_error("failed writing " + path);
}

}  // namespace facecast::bench
