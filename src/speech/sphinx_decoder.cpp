#include "speech/sphinx_decoder.h"

#include <filesystem>
#include <mutex>
#include <optional>

#include <pocketsphinx.h>
#include <sphinxbase/cmn.h>
#include <sphinxbase/err.h>
#include <sphinxbase/feat.h>

#include "core/error.h"
#include "speech/recognizer_dictionary.h"

namespace facecast::speech {
namespace {

constexpr int kLiveCmnPriorFrames = 100;  // what the model's initial cepstral mean weighs in live use: 1 s

// PocketSphinx logs to stderr by default; the product reports through Error.
void silence_library_log() {
  static std::once_flag once;
  std::call_once(once, [] { err_set_logfp(nullptr); });
}

void require_file(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path))
    throw Error(ErrorCode::ModelUnavailable, "speech model file missing: " + path.string() +
                                                 " (install pocketsphinx-en-us or set model_dir)");
}

// model_dir holds the acoustic model as "en-us" beside the dictionary and LMs;
// pointing at the acoustic model's own folder is an easy slip, named as such.
void require_acoustic_model(const std::filesystem::path& dir) {
  if (!std::filesystem::exists(dir / "en-us" / "mdef") && std::filesystem::exists(dir / "mdef")) {
    const auto model = dir.has_filename() ? dir : dir.parent_path();  // "en-us/" names "en-us"
    throw Error(ErrorCode::ModelUnavailable, "model_dir " + dir.string() +
                                                 " is the acoustic model itself; set model_dir to the folder that holds it "
                                                 "with the dictionary and language models: " +
                                                 model.parent_path().string());
  }
  require_file(dir / "en-us" / "mdef");
}

// recognizer_dictionary: the dictionary file the word recogniser loads (Recognize only).
cmd_ln_t* make_config(const SpeechSettings& settings, SearchKind kind, const std::string& recognizer_dictionary) {
  const std::filesystem::path dir = settings.model_dir;
  const auto hmm = (dir / "en-us").string();
  const auto dict = dictionary_path(settings);
  const auto lm = (dir / "en-us.lm.bin").string();
  const auto phone_lm = (dir / "en-us-phone.lm.bin").string();
  require_acoustic_model(dir);

  // Our own voice-activity detection cuts utterances; the library's silence
  // removal would shift timestamps after pauses.
  // No -logfn: ps_init would reopen the library's one global log file, closing
  // the FILE another worker's decoder may be using (heap corruption seen with
  // two workers loading at once); the log is silenced once instead.
  cmd_ln_t* config = cmd_ln_init(nullptr, ps_args(), TRUE, "-hmm", hmm.c_str(), "-remove_silence", "no", nullptr);
  if (!config) throw Error(ErrorCode::ModelUnavailable, "could not configure PocketSphinx");
  // The library's spectral noise subtraction keeps its noise estimate from one
  // utterance to the next, so a warm decoder decoded the same audio
  // differently after other input (measured); same input must give same output.
  cmd_ln_set_boolean_r(config, "-remove_noise", FALSE);
  // Without this the default configuration loads the 26 MB word LM.
  cmd_ln_set_str_r(config, "-lm", nullptr);
  switch (kind) {
    case SearchKind::Align:
      // No dictionary: the grammar's words are the phones themselves (added by
      // ForcedAligner); pronunciations come from the shared PronouncingDictionary.
      // CMUdict in the decoder cost ~23 MB per worker (measured).
      cmd_ln_set_str_r(config, "-dict", nullptr);
      // Very wide beams: the grammar is a single chain, so pruning buys little.
      // At 1e-60 the right path fell off the beam on espeak speech (en 175 wpm,
      // en+m7 140 wpm: measured), so the grammar found no path or ended the
      // utterance early in a long SIL; 1e-120 aligned all 6 espeak files and
      // costs ~2x decode time (still ~60x real time).
      cmd_ln_set_float_r(config, "-beam", 1e-120);
      cmd_ln_set_float_r(config, "-pbeam", 1e-120);
      cmd_ln_set_float_r(config, "-wbeam", 1e-110);
      cmd_ln_set_boolean_r(config, "-fsgusefiller", FALSE);
      cmd_ln_set_boolean_r(config, "-bestpath", FALSE);
      break;
    case SearchKind::Recognize:
      require_file(dict);
      require_file(lm);
      cmd_ln_set_str_r(config, "-dict", recognizer_dictionary.c_str());
      cmd_ln_set_str_r(config, "-lm", lm.c_str());
      // Capped active HMMs/words per frame and 2 Gaussians per codebook: ~2.5x
      // faster than the defaults on the test speech at 26.8 % vs 29.6 % word
      // error (librivox clips); the phone timing comes from the aligner
      // afterwards anyway. The flat-lexicon second pass (-fwdflat) stays: it
      // finds words the tree pass misses, p/b/m ones among them. Measured on
      // the bench sets (flite 5 files / real 11 files vs forced alignment):
      // p/b/m recall 90.9 -> 94.7 / 82.9 -> 88.6 %, precision 98.2 -> 97.4 /
      // 93.3 -> 96.8 %, visemes +-20 ms 95.0 -> 95.7 / 93.2 -> 93.4 %, for
      // 10.6x -> 8.2x real time (5-min file, one core). -bestpath on top: real
      // +1.3 points but flite p/b/m recall 91.7 %; -topn 4: no gain.
      cmd_ln_set_boolean_r(config, "-fwdflat", TRUE);
      cmd_ln_set_boolean_r(config, "-bestpath", FALSE);
      cmd_ln_set_int_r(config, "-maxhmmpf", 3000);
      cmd_ln_set_int_r(config, "-maxwpf", 10);
      cmd_ln_set_int_r(config, "-topn", 2);
      break;
    case SearchKind::Allphone:
      require_file(phone_lm);
      cmd_ln_set_str_r(config, "-dict", nullptr);
      cmd_ln_set_str_r(config, "-allphone", phone_lm.c_str());
      // Context-independent phones: better and far faster than triphones here.
      cmd_ln_set_boolean_r(config, "-allphone_ci", TRUE);
      cmd_ln_set_boolean_r(config, "-bestpath", FALSE);
      // A lighter phone-LM weight than the word default (6.5) lets the
      // acoustics split phones: +9 points frame agreement with forced alignment
      // at 2.0. Face visemes +-20 ms, espeak / flite / real (bench sets):
      //   2.0: 65.6 / 85.7 / 78.2 %, p/b/m recall 64 / 82 / 63 %, precision 70 / 86 / 58 %
      //   1.5: 66.0 / 85.7 / 79.7 %, p/b/m recall 65 / 83 / 71 %, precision 71 / 86 / 67 % (kept)
      //   1.0: 66.7 / 85.6 / 78.9 %;  3.0: 63.9 / 84.4 / 76.7 %;  -wip 0.02-1.0: +-0.3 points.
      // 1.5 costs ~3 % more time than 2.0.
      cmd_ln_set_float_r(config, "-lw", 1.5);
      cmd_ln_set_float_r(config, "-beam", 1e-40);
      // Phone-exit beam. Every phone that exits scores a trigram of the phone LM
      // for each of the ~40 successors: at 1e-40 that was 43 % of the engine's
      // instructions (callgrind, 3 s flite file). Measured on the bench sets
      // (face visemes +-20 ms on flite 5 files / real 11 files vs forced
      // alignment; instructions of Engine::animate on the 3 s file, callgrind):
      //   1e-40: 85.9 / 77.5 %, 795 M     1e-15: 85.9 / 77.5 %, 703 M
      //   1e-12: 85.8 / 77.5 %, 610 M     1e-10: 85.6 / 77.5 %, 541 M (kept)
      //   1e-8:  84.9 / 77.6 %, 488 M (rest in silence 97 -> 95 %)
      //   1e-5:  78.3 / 71.3 %, 444 M
      // Also tried with 1e-10: -topn 1 (506 M, real 75.5 %), -ds 2 (421 M,
      // flite 81.2 %), -lw 2.5 (520 M, flite 84.8 %), -beam 1e-30 (no change).
      cmd_ln_set_float_r(config, "-pbeam", 1e-10);
      // 2 Gaussians per codebook instead of 4: 17.5x -> 19.4x real time on the
      // librivox clips, frame agreement with forced alignment 60.9 -> 60.8 %.
      // (-ds 2 reached 24x but lost 3 points; -pl_window, -maxhmmpf: no gain.)
      cmd_ln_set_int_r(config, "-topn", 2);
      break;
  }
  return config;
}

}  // namespace

std::string dictionary_path(const SpeechSettings& settings) {
  return (std::filesystem::path(settings.model_dir) / "cmudict-en-us.dict").string();
}

void require_model(const SpeechSettings& settings) {
  const std::filesystem::path dir = settings.model_dir;
  require_acoustic_model(dir);
  require_file(dictionary_path(settings));
}

SphinxDecoder::SphinxDecoder(const SpeechSettings& settings, SearchKind kind) : kind_(kind) {
  silence_library_log();
  std::optional<RecognizerDictionaryFile> recognizer_dictionary;  // read by ps_init only
  if (kind == SearchKind::Recognize) recognizer_dictionary.emplace(settings);
  cmd_ln_t* config = make_config(settings, kind, recognizer_dictionary ? recognizer_dictionary->path() : "");
  ps_ = ps_init(config);
  if (ps_ && kind == SearchKind::Allphone) {
    const auto phone_lm = (std::filesystem::path(settings.model_dir) / "en-us-phone.lm.bin").string();
    phone_lm_ = ngram_model_read(config, phone_lm.c_str(), NGRAM_AUTO, ps_get_logmath(ps_));
  }
  cmd_ln_free_r(config);  // the decoder keeps its own reference
  if (!ps_ || (kind == SearchKind::Allphone && !phone_lm_)) {
    if (phone_lm_) ngram_model_free(phone_lm_);
    if (ps_) ps_free(ps_);
    throw Error(ErrorCode::ModelUnavailable, "PocketSphinx could not load the model in " + settings.model_dir);
  }
  cmn_t* cmn = ps_get_feat(ps_)->cmn_struct;
  initial_cmn_.resize(static_cast<size_t>(cmn->veclen));
  static_assert(sizeof(mfcc_t) == sizeof(float), "sphinxbase built with floating-point features");
  cmn_live_get(cmn, reinterpret_cast<mfcc_t*>(initial_cmn_.data()));
}

SphinxDecoder::~SphinxDecoder() {
  if (kind_ == SearchKind::Allphone) release_allphone_segments();
  if (phone_lm_) ngram_model_free(phone_lm_);
  if (ps_) ps_free(ps_);
}

void read_segments(ps_decoder_t* ps, std::vector<DecodedSegment>& out) {
  size_t n = 0;
  for (ps_seg_t* seg = ps_seg_iter(ps); seg; seg = ps_seg_next(seg), ++n) {
    if (n == out.size()) out.emplace_back();
    DecodedSegment& s = out[n];
    s.word = ps_seg_word(seg);  // phone names fit the small-string buffer
    ps_seg_frames(seg, &s.start_frame, &s.end_frame);
    int32 language_score = 0, backoff = 0;
    ps_seg_prob(seg, &s.acoustic_score, &language_score, &backoff);
  }
  out.resize(n);
}

// Measured on the bench sets (phonetic mode): unseen flite slt at 150 wpm had
// 13 such fillers, over 13 of its AO, AH and OW vowels, each shown as a pause
// (the lips closed for 60-230 ms mid-word); the real speech had 3. As AH:
// unseen flite p/b/m precision 69.8 -> 72.0 %, +-20 ms 86.0 -> 86.2 %.
// Giving the filler's frames to its two neighbours instead: 86.1 %. A filler
// next to SIL or at an edge (a breath, a click) stays a pause.
void voice_fillers_between_phones(std::vector<DecodedSegment>& segments) {
  const auto is_filler = [](const DecodedSegment& s) { return !s.word.empty() && s.word.front() == '+'; };
  const auto is_phone = [&](const DecodedSegment& s) { return !is_filler(s) && s.word != "SIL"; };
  for (size_t i = 1; i + 1 < segments.size(); ++i)
    if (is_filler(segments[i]) && is_phone(segments[i - 1]) && is_phone(segments[i + 1])) segments[i].word = "AH";
}

void SphinxDecoder::release_allphone_segments() {
  // This library version's allphone search frees its last backtrace (the
  // segment list behind ps_seg_iter/ps_get_hyp) only when it makes a new one,
  // not when the search itself is freed: valgrind showed ~1.6 KB lost per
  // replaced search, i.e. per decoded utterance (fixed upstream in 2018). A
  // backtrace of an empty utterance frees the list and leaves none.
  if (ps_start_utt(ps_) < 0) return;
  ps_get_hyp(ps_, nullptr);
  ps_end_utt(ps_);
}

void SphinxDecoder::reset_state() {
  // The acoustic scorer carries state from the previous utterance's last
  // frames (Gaussian selection), so the same audio could decode differently
  // depending on what came before. Decoding the same short silence first puts
  // every utterance on the same footing: same input -> same output.
  static const std::vector<int16_t> primer = [] {
    std::vector<int16_t> v(kPrimerSamples);
    uint32_t state = 12345;
    for (auto& x : v) x = static_cast<int16_t>(static_cast<int>((state = state * 1664525u + 1013904223u) >> 30) - 2);
    return v;
  }();
  if (kind_ == SearchKind::Allphone) {
    // The allphone search keeps frame counters and phone-HMM history across
    // utterances (measured: the same audio decoded differently after other
    // input). A new search from the already loaded phone LM costs ~1 ms.
    release_allphone_segments();
    ps_set_allphone(ps_, "allphone_fresh", phone_lm_);
    ps_set_search(ps_, "allphone_fresh");
  }
  if (ps_start_utt(ps_) < 0) return;
  ps_process_raw(ps_, primer.data(), primer.size(), FALSE, TRUE);
  ps_end_utt(ps_);
}

void SphinxDecoder::restart_live() {
  ps_end_utt(ps_);  // in case the last stream left one open (an error when none is)
  reset_state();
  // reset_state decodes the primer; a decoder that cannot start an utterance is unusable.
  if (ps_start_utt(ps_) < 0) throw Error(ErrorCode::Internal, "PocketSphinx could not restart a live decoder");
  ps_end_utt(ps_);
  // The primer and every earlier stream moved the running CMN estimate; a new
  // stream starts from the model's initial one, as a new decoder does.
  reset_live_cmn();
}

void SphinxDecoder::reset_live_cmn() {
  cmn_t* cmn = ps_get_feat(ps_)->cmn_struct;
  cmn_live_set(cmn, reinterpret_cast<const mfcc_t*>(initial_cmn_.data()));
  // cmn_live_set weighs that estimate as CMN_WIN (5 s) of frames; as 1 s, a
  // speaker far from the model's typical level (a quiet microphone, clipping)
  // is followed within their first utterance (phonetic_stream.cpp).
  for (int i = 0; i < cmn->veclen; ++i) cmn->sum[i] = cmn->cmn_mean[i] * kLiveCmnPriorFrames;
  cmn->nframe = kLiveCmnPriorFrames;
}

void SphinxDecoder::update_live_cmn() { cmn_live_update(ps_get_feat(ps_)->cmn_struct); }

std::vector<DecodedSegment> SphinxDecoder::decode_utterance(std::span<const int16_t> pcm) {
  if (pcm.empty()) return {};
  reset_state();
  if (ps_start_utt(ps_) < 0) throw Error(ErrorCode::Internal, "PocketSphinx could not start an utterance");
  // full_utt = TRUE: cepstral mean normalisation over the whole utterance.
  const int frames = ps_process_raw(ps_, pcm.data(), pcm.size(), FALSE, TRUE);
  ps_end_utt(ps_);
  if (frames < 0) throw Error(ErrorCode::Internal, "PocketSphinx failed to decode an utterance");
  auto segments = current_segments(ps_);
  // Every search's backtrace starts at the utterance's first frame; some
  // (allphone in live use) number frames across utterances, so rebase.
  if (!segments.empty() && segments.front().start_frame != 0) {
    const int base = segments.front().start_frame;
    for (auto& s : segments) {
      s.start_frame -= base;
      s.end_frame -= base;
    }
  }
  if (kind_ == SearchKind::Allphone) voice_fillers_between_phones(segments);
  return segments;
}

}  // namespace facecast::speech
