// Internal: reads an Ogg Vorbis stream's three header packets (identification,
// comment, set-up) with libvorbis before libsndfile opens the input. libsndfile
// 1.2.0 does not free the codec set-up it allocated (5.8 KB) when it refuses a
// damaged Vorbis header, so a server fed such files grew without bound; damaged
// headers are refused here first, and libsndfile only sees sound ones.
#pragma once
#include <cstddef>
#include <span>

namespace facecast::audio::detail {

// Whether the input's first bytes start an Ogg page whose first packet is a
// Vorbis identification header.
bool starts_ogg_vorbis(std::span<const std::byte> head);

// Throws Error(CorruptAudio) when a header packet within head is damaged, or
// when head is the whole input and it ends before the third header. Headers that
// continue past head (a set-up header longer than head) are left to libsndfile.
void check_vorbis_headers(std::span<const std::byte> head, bool head_is_whole_input);

}  // namespace facecast::audio::detail
