/**
 * What each step of the indexing job does to a video, engine-neutral: plain Java over the ports and
 * messages, with no Flink or Beam imports. The Flink operators ({@code operators}) and the Beam
 * {@code DoFn}s of the {@code beam} module are thin adapters over these classes: they keep state,
 * timers, side outputs and metrics, and call the same code for the step itself.
 */
package io.framewise.pipeline.stages;
