package io.framewise.udfs.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.framewise.pipeline.enrich.Description;
import io.framewise.udfs.enrich.DescriptionJson.BadJsonException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescriptionJsonTest {

    @Test
    void readsTheStrictJsonThePromptAsksFor() throws Exception {
        Description d =
                DescriptionJson.one(
                        "{\"description\": \"A slide titled Quarterly results.\", \"tags\":"
                                + " [\"Slide\", \"finance\", \"slide\"], \"scene_type\": \"slide\","
                                + " \"visible_text_summary\": \"Quarterly results\","
                                + " \"people_count\": 0}");
        assertThat(d.description()).isEqualTo("A slide titled Quarterly results.");
        // Lower-cased, duplicates dropped, order kept.
        assertThat(d.tags()).containsExactly("slide", "finance");
        assertThat(d.sceneType()).isEqualTo("slide");
        assertThat(d.visibleTextSummary()).isEqualTo("Quarterly results");
        assertThat(d.peopleCount()).isZero();
    }

    @Test
    void repairsCosmeticDamage() throws Exception {
        Description fenced =
                DescriptionJson.one(
                        "Sure! Here it is:\n```json\n{\"description\": \"Two people at a desk.\","
                                + " \"tags\": [\"office\",], \"people_count\": 2,}\n```\nAnything"
                                + " else?");
        assertThat(fenced.description()).isEqualTo("Two people at a desk.");
        assertThat(fenced.tags()).containsExactly("office");
        assertThat(fenced.peopleCount()).isEqualTo(2);

        Description loose =
                DescriptionJson.one(
                        "{description: 'A harbour at sunset.', // a comment\n"
                                + " 'Scene-Type': 'outdoor', tags: 'harbour, sunset , boats',"
                                + " peopleCount: '3.0', visibleTextSummary: 'none'}");
        assertThat(loose.description()).isEqualTo("A harbour at sunset.");
        assertThat(loose.sceneType()).isEqualTo("outdoor");
        assertThat(loose.tags()).containsExactly("harbour", "sunset", "boats");
        assertThat(loose.peopleCount()).isEqualTo(3);
        assertThat(loose.visibleTextSummary()).isNull();
    }

    @Test
    void rejectsWhatCannotBeTrusted() {
        for (String garbage :
                List.of(
                        "",
                        "I cannot describe this image.",
                        "{\"description\": \"A frame with a ca",
                        "{\"tags\": [\"x\"]}",
                        "{\"description\": \"   \"}",
                        "{\"description\": \"!!! 42 ???\"}",
                        "{\"description\": 42}",
                        "{\"description\": \"" + "word ".repeat(300) + "\"}",
                        "[1, 2]")) {
            assertThatThrownBy(() -> DescriptionJson.one(garbage), garbage)
                    .isInstanceOf(BadJsonException.class);
        }
    }

    @Test
    void readsABatchAndMarksOnlyItsUnusableParts() throws Exception {
        List<Description> batch =
                DescriptionJson.batch(
                        "{\"frames\": [{\"description\": \"A red frame.\"}, {\"tags\": []},"
                                + " {\"description\": \"A blue frame.\"}]}",
                        3);
        assertThat(batch).hasSize(3);
        assertThat(batch.get(0).description()).isEqualTo("A red frame.");
        assertThat(batch.get(1)).isNull();
        assertThat(batch.get(2).description()).isEqualTo("A blue frame.");

        assertThatThrownBy(
                        () ->
                                DescriptionJson.batch(
                                        "{\"frames\": [{\"description\": \"A red frame.\"}]}", 2))
                .isInstanceOf(BadJsonException.class)
                .hasMessageContaining("expected 2");
    }
}
