-- Views over the Framewise Parquet tables, one per table and named after it, for the notebooks
-- in this folder. The notebooks' first cell (framewise_notebook.py) and the Java test that runs
-- every `sql` cell (jobs/.../NotebooksITCase) read this same file, the same way:
--
--   * it is split into sections at lines "-- @table NAME" and "-- @empty NAME";
--   * for each table, the @table section runs when DATA_DIR/NAME/*/*.parquet matches a file,
--     else the @empty section: a view with the table's documented columns and no rows, so that
--     every notebook runs before the job has written a table (llm_calls, until descriptions are
--     switched on; transcripts and speech_calls, until speech is);
--   * ${DATA_DIR} is replaced by the data directory (the job's --out), with no trailing slash;
--   * then every "-- @view NAME" section runs, in file order: views over the table views.
--
-- Every @empty view must have the columns (names, types, order) of its @table view; the test
-- checks this for every table the job writes. The dt column is the hive partition (the date).

-- @table videos
create or replace view videos as
select * from read_parquet('${DATA_DIR}/videos/*/*.parquet', hive_partitioning = true);
-- @empty videos
create or replace view videos as
select
    null::varchar as video_id,
    null::varchar as uri,
    null::integer as width,
    null::integer as height,
    null::double as fps,
    null::bigint as frames,
    null::bigint as duration_ms,
    null::varchar as codec,
    null::integer as shots,
    null::integer as keyframes,
    null::integer as text_chars,
    null::varchar as status,
    null::timestamptz as processed_at,
    null::integer as scenes,
    null::double as mean_shot_ms,
    null::double as text_coverage,
    null::varchar[] as top_keywords,
    null::varchar[] as dominant_colours,
    null::double as quality_p10,
    null::double as quality_p50,
    null::double as quality_p90,
    null::double as enrichment_cost,
    null::varchar[] as near_duplicates,
    null::double as speech_seconds,
    null::varchar as language,
    null::date as dt
limit 0;

-- @table shots
create or replace view shots as
select * from read_parquet('${DATA_DIR}/shots/*/*.parquet', hive_partitioning = true);
-- @empty shots
create or replace view shots as
select
    null::varchar as video_id,
    null::integer as shot_index,
    null::bigint as first_frame,
    null::bigint as last_frame,
    null::bigint as start_ms,
    null::bigint as end_ms,
    null::varchar as transition_in,
    null::integer as keyframes,
    null::timestamptz as processed_at,
    null::varchar as speech,
    null::date as dt
limit 0;

-- @table scenes
create or replace view scenes as
select * from read_parquet('${DATA_DIR}/scenes/*/*.parquet', hive_partitioning = true);
-- @empty scenes
create or replace view scenes as
select
    null::varchar as video_id,
    null::integer as scene_index,
    null::integer as first_shot,
    null::integer as last_shot,
    null::bigint as start_ms,
    null::bigint as end_ms,
    null::varchar as keyframe_uri,
    null::timestamptz as processed_at,
    null::date as dt
limit 0;

-- @table frames
create or replace view frames as
select * from read_parquet('${DATA_DIR}/frames/*/*.parquet', hive_partitioning = true);
-- @empty frames
create or replace view frames as
select
    null::varchar as video_id,
    null::integer as shot_index,
    null::bigint as frame,
    null::bigint as ms,
    null::varchar as timecode,
    null::bigint as phash,
    null::double as quality,
    null::double as sharpness,
    null::double as brightness,
    null::boolean as has_text,
    null::varchar as ocr_text,
    null::float as ocr_confidence,
    null::double as contrast,
    null::double as exposure,
    null::double as colourfulness,
    null::double as text_coverage,
    null::integer as faces,
    null::double as largest_face,
    null::double as motion,
    null::varchar as shot_text,
    null::varchar as text_model,
    null::float[] as text_vector,
    null::varchar as image_model,
    null::float[] as image_vector,
    null::varchar as keyframe_uri,
    null::varchar as description,
    null::varchar[] as tags,
    null::varchar as speech,
    null::timestamptz as processed_at,
    null::date as dt
limit 0;

-- @table texts
create or replace view texts as
select * from read_parquet('${DATA_DIR}/texts/*/*.parquet', hive_partitioning = true);
-- @empty texts
create or replace view texts as
select
    null::varchar as video_id,
    null::integer as shot_index,
    null::varchar as text,
    null::float as confidence,
    null::bigint as first_ms,
    null::bigint as last_ms,
    null::integer as sightings,
    null::timestamptz as processed_at,
    null::date as dt
limit 0;

-- @table failures
-- Files written before `input`, `payload` and `attempt` existed lack those columns, and their `uri`
-- named what failed rather than always the video (a Kafka origin for `source`, a keyframe JPEG for
-- `embed`, a document for `elasticsearch`). Read by name beside an empty row of the new columns,
-- such a row shows its old `uri` as its `input`, no `uri` where that was not the video's, and one
-- attempt; rows written since are shown as they are.
create or replace view failures as
with written as (
    select *
    from read_parquet(
        '${DATA_DIR}/failures/*/*.parquet', hive_partitioning = true, union_by_name = true)
    union all by name
    select null::varchar as input, null::varchar as payload, null::integer as attempt where false
)
select
    video_id,
    case
        when input is null and stage in ('source', 'embed', 'elasticsearch') then null
        else uri
    end as uri,
    stage,
    code,
    message,
    coalesce(input, uri) as input,
    payload,
    coalesce(attempt, 1) as attempt,
    "at",
    dt
from written;
-- @empty failures
create or replace view failures as
select
    null::varchar as video_id,
    null::varchar as uri,
    null::varchar as stage,
    null::varchar as code,
    null::varchar as message,
    null::varchar as input,
    null::varchar as payload,
    null::integer as attempt,
    null::timestamptz as at,
    null::date as dt
limit 0;

-- @table llm_calls
create or replace view llm_calls as
select * from read_parquet('${DATA_DIR}/llm_calls/*/*.parquet', hive_partitioning = true);
-- @empty llm_calls
create or replace view llm_calls as
select
    null::varchar as video_id,
    null::bigint as frame,
    null::varchar as model,
    null::varchar as prompt_version,
    null::varchar as status,
    null::integer as attempts,
    null::bigint as latency_ms,
    null::integer as input_tokens,
    null::integer as output_tokens,
    null::double as cost,
    null::boolean as cached,
    null::timestamptz as at,
    null::date as dt
limit 0;

-- @table transcripts
create or replace view transcripts as
select * from read_parquet('${DATA_DIR}/transcripts/*/*.parquet', hive_partitioning = true);
-- @empty transcripts
create or replace view transcripts as
select
    null::varchar as video_id,
    null::integer as segment,
    null::bigint as start_ms,
    null::bigint as end_ms,
    null::varchar as timecode,
    null::varchar as text,
    null::varchar as language,
    null::double as confidence,
    null::integer as shot_index,
    null::varchar as model,
    null::timestamptz as processed_at,
    null::date as dt
limit 0;

-- @table speech_calls
create or replace view speech_calls as
select * from read_parquet('${DATA_DIR}/speech_calls/*/*.parquet', hive_partitioning = true);
-- @empty speech_calls
create or replace view speech_calls as
select
    null::varchar as video_id,
    null::integer as chunk,
    null::bigint as start_ms,
    null::bigint as end_ms,
    null::varchar as model,
    null::varchar as status,
    null::integer as attempts,
    null::bigint as latency_ms,
    null::double as audio_seconds,
    null::double as cost,
    null::boolean as cached,
    null::integer as segments,
    null::timestamptz as at,
    null::date as dt
limit 0;

-- @table clusters
create or replace view clusters as
select * from read_parquet('${DATA_DIR}/clusters/*/*.parquet', hive_partitioning = true);
-- @empty clusters
create or replace view clusters as
select
    null::timestamptz as window_start,
    null::timestamptz as window_end,
    null::varchar as org,
    null::varchar as cluster_id,
    null::integer as revision,
    null::integer as size,
    null::integer as videos,
    null::varchar[] as top_terms,
    null::varchar as representative_uri,
    null::varchar[] as representative_uris,
    null::float[] as centroid,
    null::date as dt
limit 0;

-- @table cluster_members
create or replace view cluster_members as
select * from read_parquet('${DATA_DIR}/cluster_members/*/*.parquet', hive_partitioning = true);
-- @empty cluster_members
create or replace view cluster_members as
select
    null::varchar as cluster_id,
    null::timestamptz as window_start,
    null::varchar as org,
    null::integer as revision,
    null::varchar as video_id,
    null::integer as shot_index,
    null::double as distance,
    null::date as dt
limit 0;

-- @view videos_current
-- `videos` is history: a video indexed again (a resume run retrying a broken file, a re-upload,
-- a backfill of a date range run again) adds a row per run, each with its processed_at. This is
-- each video once, as its newest run left it: count videos here, read their history there.
create or replace view videos_current as
select * exclude (newest)
from (
    select *, row_number() over (partition by video_id order by processed_at desc) as newest
    from videos
)
where newest = 1;
