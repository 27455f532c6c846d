package io.devloop.slack;

import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.datePicker;
import static com.slack.api.model.block.element.BlockElements.multiUsersSelect;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.radioButtons;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.block.element.BlockElements.timePicker;
import static com.slack.api.model.block.element.BlockElements.usersSelect;

/**
 * One place per form names its fields (id, label, kind, limit); the modal's input blocks and the parsing of
 * its submission are both built from those {@link Field}s, so they cannot drift apart. A field's id is its
 * block_id and action_id, hence also the key of its inline error.
 */
public final class Forms {
    public enum Kind { TEXT, MULTILINE, USERS, USER, SELECT, RADIO, DATE, TIME }

    /** A choice of a select or radio field: value stored, label shown. */
    public record Choice(String value, String label) {
    }

    public record Field(String id, String label, Kind kind, int maxLength, boolean optional, String placeholder,
                        String hint, List<Choice> choices) {
        public static Field text(String id, String label, int maxLength, boolean optional, String placeholder, String hint) {
            return new Field(id, label, Kind.TEXT, maxLength, optional, placeholder, hint, List.of());
        }

        public static Field multiline(String id, String label, int maxLength, boolean optional, String placeholder, String hint) {
            return new Field(id, label, Kind.MULTILINE, maxLength, optional, placeholder, hint, List.of());
        }

        public static Field users(String id, String label, boolean optional, String hint) {
            return new Field(id, label, Kind.USERS, 0, optional, null, hint, List.of());
        }

        public static Field user(String id, String label, boolean optional, String hint) {
            return new Field(id, label, Kind.USER, 0, optional, null, hint, List.of());
        }

        public static Field date(String id, String label, boolean optional, String hint) {
            return new Field(id, label, Kind.DATE, 0, optional, null, hint, List.of());
        }

        public static Field time(String id, String label, boolean optional, String hint) {
            return new Field(id, label, Kind.TIME, 0, optional, null, hint, List.of());
        }

        public static Field select(String id, String label, boolean optional, List<Choice> choices, String hint) {
            return new Field(id, label, Kind.SELECT, 0, optional, null, hint, List.copyOf(choices));
        }

        public static Field radio(String id, String label, boolean optional, List<Choice> choices, String hint) {
            return new Field(id, label, Kind.RADIO, 0, optional, null, hint, List.copyOf(choices));
        }
    }

    private Forms() {
    }

    /** The input block for a field, pre-filled with {@code initial} (a string, or a list of user ids for USERS). */
    public static InputBlock block(Field f, Object initial) {
        return input(i -> {
            i.blockId(f.id()).optional(f.optional()).label(plainText(SlackText.truncate(f.label(), 2000)));
            if (f.hint() != null) {
                i.hint(plainText(SlackText.truncate(f.hint(), 2000)));
            }
            switch (f.kind()) {
                case TEXT, MULTILINE -> i.element(plainTextInput(e -> {
                    e.actionId(f.id()).multiline(f.kind() == Kind.MULTILINE).maxLength(f.maxLength());
                    if (f.placeholder() != null) {
                        e.placeholder(plainText(SlackText.truncate(f.placeholder(), 150)));
                    }
                    if (initial instanceof String s && !s.isEmpty()) {
                        e.initialValue(SlackText.truncate(s, f.maxLength()));
                    }
                    return e;
                }));
                case USERS -> i.element(multiUsersSelect(e -> {
                    e.actionId(f.id()).placeholder(plainText("Choose people"));
                    if (initial instanceof List<?> users && !users.isEmpty()) {
                        e.initialUsers(users.stream().map(Object::toString).toList());
                    }
                    return e;
                }));
                case USER -> i.element(usersSelect(e -> {
                    e.actionId(f.id()).placeholder(plainText("Choose a person"));
                    if (initial instanceof String user && !user.isEmpty()) {
                        e.initialUser(user);
                    }
                    return e;
                }));
                case DATE -> i.element(datePicker(e -> {
                    e.actionId(f.id()).placeholder(plainText("Pick a date"));
                    if (initial instanceof String date && !date.isEmpty()) {
                        e.initialDate(date); // YYYY-MM-DD
                    }
                    return e;
                }));
                case TIME -> i.element(timePicker(e -> {
                    e.actionId(f.id()).placeholder(plainText("Pick a time"));
                    if (initial instanceof String time && !time.isEmpty()) {
                        e.initialTime(time); // HH:mm
                    }
                    return e;
                }));
                case SELECT -> i.element(staticSelect(e -> {
                    e.actionId(f.id()).placeholder(plainText("Choose")).options(options(f));
                    optionFor(f, initial).ifPresent(e::initialOption);
                    return e;
                }));
                case RADIO -> i.element(radioButtons(e -> {
                    e.actionId(f.id()).options(options(f));
                    optionFor(f, initial).ifPresent(e::initialOption);
                    return e;
                }));
            }
            return i;
        });
    }

    /** The submitted text of a field, trimmed; null when left empty. */
    public static String text(View view, Field f) {
        ViewState.Value v = value(view, f);
        if (v == null || v.getValue() == null) {
            return null;
        }
        String s = v.getValue().strip();
        return s.isEmpty() ? null : s;
    }

    public static List<String> users(View view, Field f) {
        ViewState.Value v = value(view, f);
        return v == null || v.getSelectedUsers() == null ? List.of() : List.copyOf(v.getSelectedUsers());
    }

    /** The chosen user of a single users select; null when none. */
    public static String user(View view, Field f) {
        ViewState.Value v = value(view, f);
        return v == null ? null : v.getSelectedUser();
    }

    /** A date picker's YYYY-MM-DD; null when none. */
    public static String date(View view, Field f) {
        ViewState.Value v = value(view, f);
        return v == null ? null : v.getSelectedDate();
    }

    /** A time picker's HH:mm; null when none. */
    public static String time(View view, Field f) {
        ViewState.Value v = value(view, f);
        return v == null ? null : v.getSelectedTime();
    }

    /** The value of the chosen option of a select or radio field; null when none. */
    public static String choice(View view, Field f) {
        ViewState.Value v = value(view, f);
        return v == null || v.getSelectedOption() == null ? null : v.getSelectedOption().getValue();
    }

    /** Checks a required text field and the length limit; adds the error under the field's block. */
    public static void require(Field f, String value, Map<String, String> errors) {
        if (value == null && !f.optional()) {
            errors.put(f.id(), f.label() + " is required.");
        } else if (value != null && f.maxLength() > 0 && value.length() > f.maxLength()) {
            errors.put(f.id(), "Keep it under " + f.maxLength() + " characters.");
        }
    }

    private static ViewState.Value value(View view, Field f) {
        if (view.getState() == null || view.getState().getValues() == null) {
            return null;
        }
        Map<String, ViewState.Value> block = view.getState().getValues().get(f.id());
        return block == null ? null : block.get(f.id());
    }

    private static List<OptionObject> options(Field f) {
        return f.choices().stream().map(c -> option(plainText(SlackText.truncate(c.label(), 75)), c.value())).toList();
    }

    private static Optional<OptionObject> optionFor(Field f, Object initial) {
        return f.choices().stream().filter(c -> c.value().equals(initial)).findFirst()
                .map(c -> option(plainText(SlackText.truncate(c.label(), 75)), c.value()));
    }
}
