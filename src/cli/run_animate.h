// `facecast animate`: one file to stdout or OUT, or a directory in parallel.
#pragma once
#include <string>

#include "cli/command_line.h"
#include "engine/engine.h"

namespace facecast::cli {

// Decodes path and animates it; processing_ms covers decoding and analysis
// (not model loading), like one request to a warm server.
Animation animate_file(Engine& engine, const std::string& path, const std::string& transcript,
                       const Settings& settings);

// "name.wav: 3.20 s of audio, 97 frames at 30 fps, 9 words, ... (70x real time)"
// One line about a finished file, led by label (its name, or its path within a batch folder).
// empty_transcript: a transcript was given but holds nothing (an empty NAME.txt).
std::string summary_line(const std::string& label, const Animation& animation, bool empty_transcript = false);
// What became of the transcript, when not all of it was aligned: "3 transcript
// words not found in the audio ('thank you all'), ...", pieces it could not
// read ("'мир' in the transcript is not in Latin letters ..."), a transcript
// given empty that left the speech to be recognised; "" otherwise.
std::string transcript_note(const Animation& animation, bool empty_transcript = false);
bool is_blank(const std::string& text);

int run_animate_file(const AnimateOptions& options);   // exit code; errors are thrown
int run_animate_batch(const AnimateOptions& options);  // exit code 1 if any file failed

}  // namespace facecast::cli
