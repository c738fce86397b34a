#include "audio/audio_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cctype>
#include <exception>
#include <filesystem>
#include <mutex>

#include <fmt/format.h>

#include "audio/container_sniff.h"
#include "audio/vorbis_headers.h"
#include "core/error.h"

namespace facecast::audio::detail {
namespace {

constexpr std::size_t kHeadBytes = 64 * 1024;

// libsndfile reports why an open failed through one process-wide error slot
// (sf_error(nullptr)), so opens are serialised to read the right reason when
// several threads decode at once. Opening parses headers only; it is quick.
std::mutex open_mutex;

// libsndfile's virtual I/O over bytes in memory; the cursor is the user data.
struct MemoryIo {
  static ByteCursor& cursor(void* user) { return *static_cast<ByteCursor*>(user); }
  static sf_count_t length(void* user) { return cursor(user).size(); }
  static sf_count_t seek(sf_count_t offset, int whence, void* user) { return cursor(user).seek(offset, whence); }
  static sf_count_t read(void* destination, sf_count_t count, void* user) { return cursor(user).read(destination, count); }
  static sf_count_t write(const void*, sf_count_t, void*) { return 0; }  // read only
  static sf_count_t tell(void* user) { return cursor(user).position; }
};

// Up to `count` bytes from `offset`, fewer at the end: of bytes in memory, or of a file.
std::vector<std::byte> read_memory(std::span<const std::byte> bytes, std::uint64_t offset, std::size_t count) {
  if (offset >= bytes.size()) return {};
  const auto piece = bytes.subspan(static_cast<std::size_t>(offset),
                                   std::min<std::size_t>(count, bytes.size() - static_cast<std::size_t>(offset)));
  return {piece.begin(), piece.end()};
}

std::vector<std::byte> read_descriptor(int fd, std::uint64_t offset, std::size_t count) {
  std::vector<std::byte> out(count);
  const ssize_t got = ::pread(fd, out.data(), count, static_cast<off_t>(offset));
  out.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
  return out;
}

bool named_mp3(const std::string& path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  return ext.size() == 4 && std::tolower(static_cast<unsigned char>(ext[1])) == 'm' &&
         std::tolower(static_cast<unsigned char>(ext[2])) == 'p' && ext[3] == '3';
}

}  // namespace

AudioSource AudioSource::open_file(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  // Only a path that is not there is "not found": a symlink loop, or a
  // directory on the way that we may not search, is named as what it is.
  if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory)
    throw Error(ErrorCode::NotFound, fmt::format("cannot open audio file: {} ({})", path, ec.message()));
  if (!fs::exists(status)) throw Error(ErrorCode::NotFound, "audio file not found: " + path);
  if (!fs::is_regular_file(status)) throw Error(ErrorCode::NotFound, "not a regular file: " + path);

  AudioSource source;
  source.fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (source.fd_ < 0)
    throw Error(ErrorCode::NotFound, fmt::format("cannot open audio file: {} ({})", path, std::strerror(errno)));
  struct stat opened {};
  if (::fstat(source.fd_, &opened) != 0)
    throw Error(ErrorCode::NotFound, fmt::format("cannot read audio file: {} ({})", path, std::strerror(errno)));
  source.size_ = static_cast<std::uint64_t>(opened.st_size);
  if (source.size_ == 0) throw Error(ErrorCode::EmptyAudio, "audio file is empty (0 bytes)");
  source.head_ = source.bytes_at(0, kHeadBytes);
  const std::uint64_t tail = std::min<std::uint64_t>(source.size_, kHeadBytes);
  source.tail_ = source.bytes_at(source.size_ - tail, tail);

  source.check_before_open();
  if (sniff_container(source.head_) == Container::Mp3) {
    source.open_mp3();
    return source;
  }
  if (sniff_container(source.head_) == Container::Matroska) {
    source.open_matroska();
    return source;
  }
  std::exception_ptr refusal;
  {
    // By descriptor, not by path: given a path, libsndfile also takes a name
    // ending in .mp3 for MPEG and hands it to libmpg123, whose notes
    // ("Illegal Audio-MPEG-Header") then reached stderr for a file that is not MP3.
    // libsndfile gets a descriptor of its own: it closes the one it is given
    // when it cannot open the file, whatever close_desc says.
    const int own = ::fcntl(source.fd_, F_DUPFD_CLOEXEC, 0);
    if (own < 0) throw Error(ErrorCode::NotFound, "cannot open audio file: " + path);
    std::lock_guard lock(open_mutex);
    source.handle_ = sf_open_fd(own, SFM_READ, &source.info_, SF_TRUE);
    if (source.handle_ == nullptr) {
      try {
        source.open_failed();
      } catch (const Error&) {
        refusal = std::current_exception();
      }
    }
  }
  const auto reopen_as_mp3 = [&] {
    if (::lseek(source.fd_, 0, SEEK_SET) != 0) throw Error(ErrorCode::NotFound, "cannot read audio file: " + path);
    source.open_mp3();
  };
  if (refusal) {
    // The name still counts, quietly, for bytes of no known container: MP3
    // frames behind bytes no sniffing skips (zeros before the first frame) are
    // found by our reader's resync. A damaged WAV named .mp3 keeps its own error.
    if (!named_mp3(path) || sniff_container(source.head_) != Container::Unknown) std::rethrow_exception(refusal);
    try {
      reopen_as_mp3();
    } catch (const Error&) {
      std::rethrow_exception(refusal);
    }
    return source;
  }
  if (source.found_mpeg_late()) reopen_as_mp3();
  return source;
}

AudioSource AudioSource::open_memory(std::span<const std::byte> bytes) {
  if (bytes.empty()) throw Error(ErrorCode::EmptyAudio, "audio is empty (0 bytes)");
  AudioSource source;
  source.size_ = bytes.size();
  const std::size_t head = std::min(bytes.size(), kHeadBytes);
  source.head_.assign(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(head));
  source.tail_.assign(bytes.end() - static_cast<std::ptrdiff_t>(head), bytes.end());
  source.cursor_ = std::make_unique<ByteCursor>(ByteCursor{bytes, 0});

  static SF_VIRTUAL_IO io{MemoryIo::length, MemoryIo::seek, MemoryIo::read, MemoryIo::write, MemoryIo::tell};
  source.check_before_open();
  if (sniff_container(source.head_) == Container::Mp3) {
    source.open_mp3();
    return source;
  }
  if (sniff_container(source.head_) == Container::Matroska) {
    source.open_matroska();
    return source;
  }
  {
    std::lock_guard lock(open_mutex);
    source.handle_ = sf_open_virtual(&io, SFM_READ, &source.info_, source.cursor_.get());
    if (source.handle_ == nullptr) source.open_failed();
  }
  if (source.found_mpeg_late()) source.open_mp3();
  return source;
}

// libsndfile also finds MPEG audio behind bytes our sniffing does not skip
// (junk before the first frame sync); it would decode it through libmpg123
// with the library's messages on stderr, so it goes to our quiet reader instead.
bool AudioSource::found_mpeg_late() {
  if ((info_.format & SF_FORMAT_TYPEMASK) != SF_FORMAT_MPEG) return false;
  sf_close(handle_);
  handle_ = nullptr;
  return true;
}

std::vector<std::byte> AudioSource::bytes_at(std::uint64_t offset, std::size_t count) const {
  std::vector<std::byte> out;
  if (offset >= size_) return out;
  count = static_cast<std::size_t>(std::min<std::uint64_t>(count, size_ - offset));
  if (offset + count <= head_.size()) {
    out.assign(head_.begin() + static_cast<std::ptrdiff_t>(offset),
               head_.begin() + static_cast<std::ptrdiff_t>(offset + count));
  } else if (cursor_) {
    out = read_memory(cursor_->bytes, offset, count);
  } else if (fd_ >= 0) {
    out = read_descriptor(fd_, offset, count);
  }
  return out;
}

void AudioSource::open_mp3() {
  mp3_ = fd_ >= 0 ? Mp3Reader::open_descriptor(fd_) : Mp3Reader::open_memory(cursor_->bytes);
  info_ = SF_INFO{};
  info_.samplerate = mp3_->sample_rate();
  info_.channels = mp3_->channels();
  info_.frames = mp3_->stated_frames() > 0 ? mp3_->stated_frames() : SF_COUNT_MAX;  // unknown: read to the end
  info_.format = SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
}

void AudioSource::open_matroska() {
  // The reader keeps its own view of the input: this object may move.
  ByteReader read;
  if (cursor_) {
    read = [bytes = cursor_->bytes](std::uint64_t offset, std::size_t count) { return read_memory(bytes, offset, count); };
  } else {
    read = [fd = fd_](std::uint64_t offset, std::size_t count) { return read_descriptor(fd, offset, count); };
  }
  matroska_ = std::make_unique<MatroskaReader>(std::move(read), size_);
  info_ = SF_INFO{};
  info_.samplerate = matroska_->sample_rate();
  info_.channels = matroska_->channels();
  info_.frames = matroska_->stated_frames() > 0 ? matroska_->stated_frames() : SF_COUNT_MAX;  // unknown: read to the end
}

long long AudioSource::read(float* out, long long frames) {
  if (mp3_) return mp3_->read(out, frames);
  if (matroska_) return matroska_->read(out, frames);
  const sf_count_t got = sf_readf_float(handle_, out, frames);
  if (got > 0) return got;
  return sf_error(handle_) == SF_ERR_NO_ERROR ? 0 : -1;
}

std::string AudioSource::read_error() const {
  if (mp3_) return mp3_->error();
  if (matroska_) return matroska_->error();
  return sf_error(handle_) == SF_ERR_NO_ERROR ? "" : sf_strerror(handle_);
}

AudioSource::AudioSource(AudioSource&& other) noexcept
    : handle_(other.handle_),
      mp3_(std::move(other.mp3_)),
      matroska_(std::move(other.matroska_)),
      fd_(other.fd_),
      info_(other.info_),
      head_(std::move(other.head_)),
      tail_(std::move(other.tail_)),
      size_(other.size_),
      cursor_(std::move(other.cursor_)) {
  other.handle_ = nullptr;
  other.fd_ = -1;
}

AudioSource::~AudioSource() {
  if (handle_ != nullptr) sf_close(handle_);
  mp3_.reset();  // before the descriptor it reads
  matroska_.reset();
  if (fd_ >= 0) ::close(fd_);
}

void AudioSource::check_before_open() const {
  if (starts_ogg_vorbis(head_)) check_vorbis_headers(head_, head_.size() == size_);
}

// libsndfile's reasons are terse; the container we recognise from the first
// bytes tells "not audio" from "audio we read, but damaged".
void AudioSource::open_failed() const {
  const int code = sf_error(nullptr);
  // Only libsndfile's parse errors say something useful about the bytes.
  const bool specific = code != SF_ERR_SYSTEM && code != SF_ERR_UNRECOGNISED_FORMAT;
  const std::string reason = specific ? std::string(" (") + sf_error_number(code) + ")" : "";
  const Container container = sniff_container(head_);
  const std::string name(container_name(container));
  const std::string accepted(kAcceptedFormats);
  if (container == Container::Unknown) {
    throw Error(ErrorCode::UnsupportedFormat,
                "not a recognised audio file; send " + accepted);
  }
  if (!is_readable(container)) {
    throw Error(ErrorCode::UnsupportedFormat,
                name + " audio is not supported; send " + accepted);
  }
  // libsndfile calls a WAV with a codec it lacks (AAC, G.729, ...) a malformed one.
  if (const auto tag = container == Container::Wav ? wav_format_tag(head_) : std::nullopt;
      tag && !libsndfile_reads_wav_tag(*tag)) {
    throw Error(ErrorCode::UnsupportedFormat,
                fmt::format("WAV file uses an encoding we cannot decode (format tag 0x{:04X}); send PCM or "
                            "floating-point WAV, or MP3, FLAC, OGG Vorbis, Opus or WebM",
                            *tag));
  }
  if (code == SF_ERR_UNSUPPORTED_ENCODING) {
    throw Error(ErrorCode::UnsupportedFormat,
                name + " file uses an encoding we cannot decode" + reason + "; send " + accepted);
  }
  throw Error(ErrorCode::CorruptAudio,
              "damaged or truncated " + name + " header" + reason);
}

}  // namespace facecast::audio::detail
