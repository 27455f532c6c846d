package io.devloop.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's Slack workspace, in memory: what devloop's Web API calls created (channel messages, thread
 * replies, ephemeral messages, DMs, modals, home tabs, files) and the short-lived handles Slack hands out
 * (trigger ids, response URLs). Every change bumps {@link #version()} so the page knows when to redraw.
 */
public final class Workspace {
    public static final String TEAM = "T0SANDBOX";
    public static final String TEAM_DOMAIN = "sandbox";
    public static final String BOT_USER = "U0DEVLOOP";
    public static final String BOT_ID = "B0DEVLOOP";
    public static final String APP_ID = "A0DEVLOOP";
    /** Slack lets a trigger id be used once, within 3 s. */
    private static final Duration TRIGGER_LIFETIME = Duration.ofSeconds(3);
    /** A response_url works 5 times within 30 minutes. */
    private static final Duration RESPONSE_URL_LIFETIME = Duration.ofMinutes(30);
    private static final int MAX_VIEW_STACK = 3;

    /** A sample person: who the page acts as. Time zones differ so that "in your own zone" can be seen. */
    public record User(String id, String name, String realName, String tz) {
    }

    public record Channel(String id, String name) {
    }

    public static final List<User> USERS = List.of(
            new User("U0ALICE", "alice", "Alice Nakamura", "America/Los_Angeles"),
            new User("U0BOB", "bob", "Bob Schmidt", "Europe/Berlin"),
            new User("U0CHANDRA", "chandra", "Chandra Rao", "Asia/Kolkata"));
    public static final Channel GENERAL = new Channel("C0GENERAL", "general");
    public static final Channel ALERTS = new Channel("C0ALERTS", "alerts");
    public static final List<Channel> CHANNELS = List.of(GENERAL, new Channel("C0CHECKOUT", "checkout"), ALERTS);

    /** A message as the stand-in received it; updates replace its text and blocks in place. */
    public static final class Message {
        public final String channel;
        public final String ts;
        public final String threadTs;
        /** null for a message everyone in the channel sees; else the one user who sees it. */
        public final String ephemeralFor;
        public final String author;
        String text;
        JsonArray blocks;
        final List<StoredFile> files = new ArrayList<>();
        boolean edited;

        Message(String channel, String ts, String threadTs, String ephemeralFor, String author, String text, JsonArray blocks) {
            this.channel = channel;
            this.ts = ts;
            this.threadTs = threadTs;
            this.ephemeralFor = ephemeralFor;
            this.author = author;
            this.text = text;
            this.blocks = blocks;
        }

        public String text() {
            return text;
        }

        public JsonArray blocks() {
            return blocks;
        }

        public List<StoredFile> files() {
            return List.copyOf(files);
        }

        public boolean edited() {
            return edited;
        }
    }

    public record StoredFile(String id, String name, String title, byte[] bytes) {
    }

    /** An open modal; {@code errors} are the inline errors devloop answered its last submission with. */
    public record OpenView(String id, String user, JsonObject view, String hash, Map<String, String> errors) {
        OpenView withErrors(Map<String, String> errors) {
            return new OpenView(id, user, view, hash, Map.copyOf(errors));
        }
    }

    /** Where a response_url's message goes: the channel, the user who acted, and the message acted on (if any). */
    public record ResponseTarget(String channel, String user, String messageTs, Instant expires, int usesLeft) {
    }

    private record Trigger(String user, Instant expires) {
    }

    private final Clock clock;
    private final AtomicLong tsCounter = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, List<Message>> messages = new LinkedHashMap<>();
    private final Map<String, Deque<OpenView>> views = new HashMap<>();
    private final Map<String, JsonObject> homes = new HashMap<>();
    private final Map<String, StoredFile> files = new LinkedHashMap<>();
    private final Map<String, Trigger> triggers = new HashMap<>();
    private final Map<String, ResponseTarget> responseUrls = new HashMap<>();
    private final Deque<String> apiLog = new ArrayDeque<>();
    private long version;

    public Workspace(Clock clock) {
        this.clock = clock;
        CHANNELS.forEach(c -> messages.put(c.id(), new ArrayList<>()));
        USERS.forEach(u -> messages.put(dmChannel(u.id()), new ArrayList<>()));
    }

    public static Optional<User> user(String id) {
        return USERS.stream().filter(u -> u.id().equals(id)).findFirst();
    }

    public static Optional<Channel> channel(String id) {
        return CHANNELS.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The DM between the bot and this user (Slack's D… id). */
    public static String dmChannel(String userId) {
        return "D" + userId.substring(1);
    }

    public static boolean isDm(String channelId) {
        return channelId.startsWith("D");
    }

    public synchronized long version() {
        return version;
    }

    /** Blocks until the version passes {@code seen} or the wait is over; the page's long poll. */
    public synchronized long awaitChange(long seen, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (version == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return version;
    }

    private void changed() {
        version++;
        notifyAll();
    }

    /** The channel a post to {@code target} lands in: a user id means the DM with that user. */
    public synchronized Optional<String> resolveChannel(String target) {
        if (target == null) {
            return Optional.empty();
        }
        String id = target.startsWith("U") || target.startsWith("W") ? dmChannel(target) : target;
        return messages.containsKey(id) ? Optional.of(id) : Optional.empty();
    }

    public synchronized Message post(String channel, String threadTs, String author, String text, JsonArray blocks) {
        Message m = new Message(channel, nextTs(), threadTs, null, author, text, BlockIds.fill(blocks));
        messages.get(channel).add(m);
        changed();
        return m;
    }

    public synchronized Message postEphemeral(String channel, String user, String text, JsonArray blocks) {
        Message m = new Message(channel, nextTs(), null, user, BOT_USER, text, BlockIds.fill(blocks));
        messages.get(channel).add(m);
        changed();
        return m;
    }

    /** chat.update and replace_original: the same message, new content; false when there is no such message. */
    public synchronized boolean update(String channel, String ts, String text, JsonArray blocks) {
        Optional<Message> m = find(channel, ts);
        m.ifPresent(msg -> {
            msg.text = text;
            msg.blocks = BlockIds.fill(blocks);
            msg.edited = msg.ephemeralFor == null;
            changed();
        });
        return m.isPresent();
    }

    public synchronized boolean delete(String channel, String ts) {
        boolean removed = messages.getOrDefault(channel, List.of()).removeIf(m -> m.ts.equals(ts));
        if (removed) {
            changed();
        }
        return removed;
    }

    public synchronized Optional<Message> find(String channel, String ts) {
        return messages.getOrDefault(channel, List.of()).stream().filter(m -> m.ts.equals(ts)).findFirst();
    }

    /** What this user sees in a channel, oldest first: everyone's messages and their own ephemeral ones. */
    public synchronized List<Message> visibleTo(String channel, String user) {
        return messages.getOrDefault(channel, List.of()).stream()
                .filter(m -> m.ephemeralFor == null || m.ephemeralFor.equals(user)).toList();
    }

    public synchronized StoredFile addFile(String name, String title, byte[] bytes) {
        StoredFile f = new StoredFile("F" + ids.incrementAndGet(), name, title, bytes);
        files.put(f.id(), f);
        return f;
    }

    public synchronized Optional<StoredFile> file(String id) {
        return Optional.ofNullable(files.get(id));
    }

    /** files.getUploadURLExternal reserves an id; the upload fills in the bytes. */
    public synchronized void storeUpload(String id, byte[] bytes) {
        StoredFile f = files.get(id);
        if (f != null) {
            files.put(id, new StoredFile(id, f.name(), f.title(), bytes));
        }
    }

    /** files.completeUploadExternal: the files appear as one message in the channel (or thread). */
    public synchronized Message shareFiles(String channel, String threadTs, String comment, List<StoredFile> shared) {
        Message m = new Message(channel, nextTs(), threadTs, null, BOT_USER, comment == null ? "" : comment, null);
        m.files.addAll(shared);
        messages.get(channel).add(m);
        changed();
        return m;
    }

    public synchronized String newTrigger(String user) {
        String id = ids.incrementAndGet() + "." + System.nanoTime() + ".sandbox";
        triggers.put(id, new Trigger(user, clock.instant().plus(TRIGGER_LIFETIME)));
        return id;
    }

    /** The user of a trigger id that is fresh and unused; using it consumes it. */
    public synchronized Optional<String> useTrigger(String id) {
        Trigger t = id == null ? null : triggers.remove(id);
        return t == null || clock.instant().isAfter(t.expires()) ? Optional.empty() : Optional.of(t.user());
    }

    public synchronized String newResponseUrlId(String channel, String user, String messageTs) {
        String id = UUID.randomUUID().toString();
        responseUrls.put(id, new ResponseTarget(channel, user, messageTs, clock.instant().plus(RESPONSE_URL_LIFETIME), 5));
        return id;
    }

    /** The target of a response_url that is still usable; each use counts. */
    public synchronized Optional<ResponseTarget> useResponseUrl(String id) {
        ResponseTarget t = responseUrls.get(id);
        if (t == null || t.usesLeft() <= 0 || clock.instant().isAfter(t.expires())) {
            return Optional.empty();
        }
        responseUrls.put(id, new ResponseTarget(t.channel(), t.user(), t.messageTs(), t.expires(), t.usesLeft() - 1));
        return Optional.of(t);
    }

    public enum ViewPlacement { OPEN, PUSH }

    /** views.open replaces the user's stack, views.push adds to it; empty when the stack is full. */
    public synchronized Optional<OpenView> openView(String user, JsonObject view, ViewPlacement placement) {
        Deque<OpenView> stack = views.computeIfAbsent(user, u -> new ArrayDeque<>());
        if (placement == ViewPlacement.OPEN) {
            stack.clear();
        } else if (stack.size() >= MAX_VIEW_STACK) {
            return Optional.empty();
        }
        String id = "V" + ids.incrementAndGet();
        OpenView v = new OpenView(id, user, withId(view, id), newHash(), Map.of());
        stack.push(v);
        changed();
        return Optional.of(v);
    }

    /** views.update and response_action update: same id, new content and hash, errors cleared. */
    public synchronized Optional<OpenView> updateView(String viewId, JsonObject view) {
        for (Deque<OpenView> stack : views.values()) {
            List<OpenView> list = new ArrayList<>(stack);
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).id().equals(viewId)) {
                    OpenView updated = new OpenView(viewId, list.get(i).user(), withId(view, viewId), newHash(), Map.of());
                    list.set(i, updated);
                    stack.clear();
                    stack.addAll(list);
                    changed();
                    return Optional.of(updated);
                }
            }
        }
        return Optional.empty();
    }

    public synchronized Optional<OpenView> topView(String user) {
        Deque<OpenView> stack = views.get(user);
        return stack == null || stack.isEmpty() ? Optional.empty() : Optional.of(stack.peek());
    }

    public synchronized Optional<OpenView> view(String user, String viewId) {
        return views.getOrDefault(user, new ArrayDeque<>()).stream().filter(v -> v.id().equals(viewId)).findFirst();
    }

    public synchronized int viewDepth(String user) {
        return views.getOrDefault(user, new ArrayDeque<>()).size();
    }

    public synchronized void showErrors(String user, String viewId, Map<String, String> errors) {
        Deque<OpenView> stack = views.get(user);
        if (stack != null && !stack.isEmpty() && stack.peek().id().equals(viewId)) {
            stack.push(stack.pop().withErrors(errors));
            changed();
        }
    }

    /** Closes the top view (an empty ack or Cancel), or every view ({@code response_action: clear}). */
    public synchronized void closeViews(String user, boolean all) {
        Deque<OpenView> stack = views.get(user);
        if (stack != null && !stack.isEmpty()) {
            if (all) {
                stack.clear();
            } else {
                stack.pop();
            }
            changed();
        }
    }

    public synchronized void publishHome(String user, JsonObject view) {
        homes.put(user, withId(view, "VHOME" + user));
        changed();
    }

    public synchronized Optional<JsonObject> home(String user) {
        return Optional.ofNullable(homes.get(user));
    }

    /** A line in the page's log of Web API calls: the page shows what the stand-in received. */
    public synchronized void logCall(String line) {
        apiLog.addFirst(clock.instant().toString().substring(11, 19) + " " + line);
        while (apiLog.size() > 60) {
            apiLog.removeLast();
        }
        changed();
    }

    public synchronized List<String> apiLog() {
        return List.copyOf(apiLog);
    }

    /** Slack's message timestamps: seconds.micro-ish, unique and increasing. */
    private String nextTs() {
        long seconds = clock.instant().getEpochSecond();
        return seconds + "." + String.format("%06d", tsCounter.incrementAndGet() % 1_000_000);
    }

    private String newHash() {
        return clock.millis() + "." + ids.incrementAndGet();
    }

    private static JsonObject withId(JsonObject view, String id) {
        JsonObject copy = view.deepCopy();
        if (copy.has("blocks") && copy.get("blocks").isJsonArray()) {
            copy.add("blocks", BlockIds.fill(copy.getAsJsonArray("blocks")));
        }
        if (id != null) {
            copy.addProperty("id", id);
        }
        copy.addProperty("team_id", TEAM);
        copy.addProperty("app_id", APP_ID);
        copy.addProperty("bot_id", BOT_ID);
        return copy;
    }
}
