package io.devloop.loop;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackFilesUploadV2Exception;
import com.slack.api.methods.request.files.FilesUploadV2Request;
import com.slack.api.methods.response.files.FilesUploadV2Response;
import com.slack.api.model.File;
import io.devloop.slack.SlackText;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Exports a loop: reads its snapshot, renders the four markdown files and the loop diagram (a PNG) and shares them in
 * the loop's channel with
 * Slack's files upload v2 (files.getUploadURLExternal → POST to the upload URL → files.completeUploadExternal, all
 * three done by the SDK's filesUploadV2). Runs after the ack; failures come back as words for the requester.
 *
 * <p>Not an outbox message: the upload is asked for by one person who is waiting for it, and a failure is told to
 * that person at once instead of being retried for hours; if a node dies mid-export, exporting again is harmless.
 */
public final class ExportService {
    private static final Logger log = LoggerFactory.getLogger(ExportService.class);
    private static final int COMMENT_FEATURE_LIMIT = 200;
    /** Our name for a failed POST to the upload URL, which answers with an HTTP status instead of a Slack error. */
    private static final String UPLOAD_HTTP = "upload_http_";
    public static final String DIAGRAM = "loop-diagram.png";
    /** The four markdown files and the diagram. */
    public static final int FILE_COUNT = LoopExport.FILE_COUNT + 1;

    private final Jdbi jdbi;
    private final ZoneId zone;

    /** @param zone the team's fallback zone: a file has no viewer whose zone is known */
    public ExportService(Jdbi jdbi, ZoneId zone) {
        this.jdbi = jdbi;
        this.zone = zone;
    }

    public sealed interface Result {
        record Shared(Loop loop, List<String> fileIds) implements Result { }
        record NotFound() implements Result { }
        /** {@code message} is for the requester, in their words (mrkdwn). */
        record Failed(Loop loop, String message) implements Result { }
    }

    public Result export(String teamId, long loopId, String requesterId, MethodsClient slack) {
        long started = System.nanoTime();
        Optional<LoopSnapshot> found = jdbi.withHandle(h -> LoopSnapshots.load(h, teamId, loopId));
        if (found.isEmpty()) {
            return new Result.NotFound();
        }
        LoopSnapshot snapshot = found.get();
        Loop loop = snapshot.loop();
        Score score = Score.of(snapshot);
        List<FilesUploadV2Request.UploadFile> files = new ArrayList<>();
        LoopExport.files(snapshot, score, zone).forEach((name, markdown) -> files.add(upload(name, markdown.getBytes(StandardCharsets.UTF_8))));
        files.add(upload(DIAGRAM, LoopDiagram.png(snapshot)));
        try {
            FilesUploadV2Response r = slack.filesUploadV2(req -> req.channel(loop.channelId())
                    .initialComment(comment(loop, requesterId, score)).uploadFiles(files));
            if (!r.isOk()) {
                return failed(loop, r.getError());
            }
            List<String> ids = r.getFiles() == null ? List.of() : r.getFiles().stream().map(File::getId).toList();
            log.info("export {} team={} shared {} files in {} ms", loop.displayId(), teamId, files.size(),
                    (System.nanoTime() - started) / 1_000_000);
            return new Result.Shared(loop, ids);
        } catch (SlackFilesUploadV2Exception e) {
            return failed(loop, errorOf(e));
        } catch (SlackApiException e) {
            String error = e.getError() != null && e.getError().getError() != null ? e.getError().getError()
                    : "http_" + e.getResponse().code();
            return failed(loop, error);
        } catch (IOException e) {
            log.warn("export {} team={}: Slack unreachable: {}", loop.displayId(), teamId, e.toString());
            return new Result.Failed(loop, problem(loop, "I couldn't reach Slack to upload the files. Try again in a minute."));
        }
    }

    private static FilesUploadV2Request.UploadFile upload(String filename, byte[] data) {
        return FilesUploadV2Request.UploadFile.builder().filename(filename).title(filename).fileData(data).build();
    }

    /** The message the files are shared with, in the loop's channel. */
    static String comment(Loop loop, String requesterId, Score score) {
        return ":page_facing_up: *" + loop.displayId() + " " + SlackText.escape(SlackText.truncate(loop.feature(), COMMENT_FEATURE_LIMIT))
                + "* exported for <@" + requesterId + ">: loop mapping, feedback loops, pipeline design and success"
                + " metrics. Completeness " + score.total() + "/100.";
    }

    private Result failed(Loop loop, String error) {
        log.warn("export {} team={} failed: {}", loop.displayId(), loop.teamId(), error);
        return new Result.Failed(loop, problem(loop, explain(loop.channelId(), error)));
    }

    /** Which of the three calls failed, and Slack's error for it. */
    private static String errorOf(SlackFilesUploadV2Exception e) {
        if (e.getCompleteResponse() != null && !e.getCompleteResponse().isOk()) {
            return e.getCompleteResponse().getError();
        }
        for (var upload : e.getUploadResponses().values()) {
            if (upload.getCode() != 200) {
                return UPLOAD_HTTP + upload.getCode();
            }
        }
        return e.getGetURLResponses().stream().filter(r -> !r.isOk()).map(r -> r.getError()).findFirst().orElse("unknown_error");
    }

    private static String problem(Loop loop, String what) {
        return ":warning: I couldn't export *" + loop.displayId() + "*. " + what;
    }

    static String explain(String channelId, String error) {
        String channel = "<#" + channelId + ">";
        return switch (error == null ? "" : error) {
            case "not_in_channel" -> "I'm not a member of " + channel + ", so I can't share files there. Invite me with "
                    + "`/invite @devloop` and export again.";
            case "channel_not_found" -> "I can't see " + channel + ": it was deleted, or it is private and I'm not in it."
                    + " Invite me with `/invite @devloop` and export again.";
            case "is_archived" -> channel + " is archived, so I can't share files there.";
            case "missing_scope", "not_allowed_token_type", "no_permission" -> "devloop isn't allowed to upload files"
                    + " here (Slack said `" + error + "`): the app needs the `files:write` scope. Ask an admin to reinstall"
                    + " it from the current manifest.";
            case "ratelimited" -> "Slack is limiting uploads right now. Try again in a minute.";
            default -> error != null && error.startsWith(UPLOAD_HTTP)
                    ? "Slack's file storage refused the upload (HTTP " + error.substring(UPLOAD_HTTP.length()) + "). Try again in a minute."
                    : "Slack said `" + error + "`. Try again; if it keeps failing, tell whoever runs devloop.";
        };
    }
}
