package io.devloop.loop;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A loop drawn as the DevOps infinity loop: Plan, Code, Build, Test on the left ("Dev") lobe, Release, Deploy,
 * Operate, Monitor on the right ("Ops") lobe, each phase labelled with its duration and tools, the feedback loops as
 * dashed arrows between phases, and the total loop time. A pure function of the snapshot: snapshot in, PNG out.
 *
 * <p>Sized for Slack's file preview (1600×900 scales down to a legible thumbnail): large type, few words per label.
 */
public final class LoopDiagram {
    public static final int WIDTH = 1600;
    public static final int HEIGHT = 900;

    private static final double CENTER_X = WIDTH / 2.0;
    private static final double CENTER_Y = 505;
    /** Half the loop's width; the lemniscate is stretched vertically so the lobes look round, not flat. */
    private static final double HALF_WIDTH = 470;
    private static final double STRETCH_Y = 1.2;
    private static final float BAND = 58;
    private static final int SAMPLES = 4000;
    private static final int LABEL_WIDTH = 250;
    private static final double LABEL_GAP = 16;

    private static final Color BACKGROUND = new Color(0xFAFBFC);
    private static final Color INK = new Color(0x1F2933);
    private static final Color MUTED = new Color(0x616E7C);
    private static final Color FAINT = new Color(0xE4E7EB);
    private static final Color ARROW = new Color(0x3E4C59);
    private static final Map<Phase, Color> COLORS = new EnumMap<>(Map.of(
            Phase.PLAN, new Color(0x1E88E5), Phase.CODE, new Color(0x3949AB), Phase.BUILD, new Color(0x00897B),
            Phase.TEST, new Color(0x43A047), Phase.RELEASE, new Color(0xF9A825), Phase.DEPLOY, new Color(0xFB8C00),
            Phase.OPERATE, new Color(0xE53935), Phase.MONITOR, new Color(0x8E24AA)));
    /** At the crossing, Monitor → Plan passes over Test → Release: they are drawn last. */
    private static final List<Phase> DRAW_ORDER = List.of(Phase.TEST, Phase.RELEASE, Phase.CODE, Phase.BUILD,
            Phase.DEPLOY, Phase.OPERATE, Phase.PLAN, Phase.MONITOR);

    private static final String FONT_FAMILY = pickFontFamily();

    private LoopDiagram() {
    }

    /** The loop as a 1600×900 PNG. */
    public static byte[] png(LoopSnapshot snapshot) {
        BufferedImage image = render(snapshot);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return out.toByteArray();
    }

    static BufferedImage render(LoopSnapshot snapshot) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            Track track = Track.build();
            double totalLeft = drawTotal(g, snapshot);
            drawTitle(g, snapshot, (int) totalLeft - 40 - 60);
            drawLobeNames(g, track);
            drawBand(g, track, snapshot);
            drawFeedback(g, track, snapshot.feedback());
            drawLabels(g, track, snapshot);
        } finally {
            g.dispose();
        }
        return image;
    }

    // ---- the parts of the picture

    private static void drawTitle(Graphics2D g, LoopSnapshot s, int width) {
        Loop loop = s.loop();
        g.setColor(INK);
        g.setFont(font(Font.BOLD, 44));
        g.drawString(fit(g, displayable(g.getFont(), oneLine(loop.feature())), width), 60, 78);
        g.setColor(MUTED);
        g.setFont(font(Font.PLAIN, 24));
        int loops = s.feedback().size();
        String subtitle = loop.displayId() + " · DevOps loop · " + loops + (loops == 1 ? " feedback loop" : " feedback loops")
                + " · completeness " + Score.of(s).total() + "/100";
        g.drawString(fit(g, subtitle, WIDTH - 120), 60, 118);
    }

    private static void drawLobeNames(Graphics2D g, Track track) {
        g.setFont(font(Font.BOLD, 64));
        g.setColor(FAINT);
        centered(g, "DEV", track.lobeCenter(true));
        centered(g, "OPS", track.lobeCenter(false));
    }

    private static void drawBand(Graphics2D g, Track track, LoopSnapshot s) {
        for (Phase phase : DRAW_ORDER) {
            Path2D path = track.segment(phase);
            g.setColor(BACKGROUND);
            g.setStroke(new BasicStroke(BAND + 10, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
            g.draw(path);
            g.setColor(s.phases().containsKey(phase) ? COLORS.get(phase) : tint(COLORS.get(phase)));
            g.setStroke(new BasicStroke(BAND, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
            g.draw(path);
            drawFlowChevron(g, track, phase);
        }
        for (Phase phase : Phase.values()) {
            Point2D mid = track.middle(phase);
            Color color = s.phases().containsKey(phase) ? COLORS.get(phase) : tint(COLORS.get(phase));
            double r = 19;
            g.setColor(Color.WHITE);
            g.fill(new Ellipse2D.Double(mid.getX() - r, mid.getY() - r, 2 * r, 2 * r));
            g.setColor(color.darker());
            g.setFont(font(Font.BOLD, 22));
            centered(g, Integer.toString(phase.ordinal() + 1), mid);
        }
    }

    /** A white chevron near the end of each phase shows which way the loop runs. */
    private static void drawFlowChevron(Graphics2D g, Track track, Phase phase) {
        Point2D at = track.at(phase, 0.86);
        Point2D dir = track.tangent(phase, 0.86);
        Point2D side = new Point2D.Double(-dir.getY(), dir.getX());
        double len = 10;
        double half = 13;
        Path2D chevron = new Path2D.Double();
        chevron.moveTo(at.getX() - dir.getX() * len + side.getX() * half, at.getY() - dir.getY() * len + side.getY() * half);
        chevron.lineTo(at.getX() + dir.getX() * len, at.getY() + dir.getY() * len);
        chevron.lineTo(at.getX() - dir.getX() * len - side.getX() * half, at.getY() - dir.getY() * len - side.getY() * half);
        g.setColor(new Color(255, 255, 255, 200));
        g.setStroke(new BasicStroke(5, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(chevron);
    }

    /**
     * Each feedback loop is a dashed arrow from the inner edge of one phase to the inner edge of another, bending
     * through the lobes' insides, so it never hides a label.
     */
    private static void drawFeedback(Graphics2D g, Track track, List<FeedbackLoop> feedback) {
        List<Phase[]> arrows = new ArrayList<>();
        for (FeedbackLoop f : feedback) {
            var from = Phase.parse(f.fromPhase() == null ? "" : f.fromPhase());
            var to = Phase.parse(f.toPhase() == null ? "" : f.toPhase());
            if (from.isPresent() && to.isPresent() && from.get() != to.get()) {
                arrows.add(new Phase[]{from.get(), to.get()});
            }
        }
        // several arrows leaving or reaching one phase sit side by side along it, not on top of each other
        Map<Phase, Integer> ends = new EnumMap<>(Phase.class);
        arrows.forEach(a -> {
            ends.merge(a[0], 1, Integer::sum);
            ends.merge(a[1], 1, Integer::sum);
        });
        Map<Phase, Integer> used = new EnumMap<>(Phase.class);
        for (Phase[] a : arrows) {
            Point2D p0 = track.inner(a[0], slot(a[0], ends, used), BAND / 2 + 8);
            Point2D p1 = track.inner(a[1], slot(a[1], ends, used), BAND / 2 + 24);
            Point2D c0 = lerp(p0, track.lobeCenter(track.isDev(a[0])), 0.8);
            Point2D c1 = lerp(p1, track.lobeCenter(track.isDev(a[1])), 0.8);
            Path2D curve = new Path2D.Double();
            curve.moveTo(p0.getX(), p0.getY());
            curve.curveTo(c0.getX(), c0.getY(), c1.getX(), c1.getY(), p1.getX(), p1.getY());
            Color color = COLORS.get(a[0]).darker();
            g.setColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 220));
            g.setStroke(new BasicStroke(4, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10, new float[]{14, 10}, 0));
            g.draw(curve);
            g.fill(arrowHead(p1, c1));
            g.fill(new Ellipse2D.Double(p0.getX() - 7, p0.getY() - 7, 14, 14));
        }
    }

    /**
     * Where along a phase the next arrow end goes: spread around its middle, and for the phases that meet at the
     * crossing, away from it, where the arrows would blur into each other.
     */
    private static double slot(Phase phase, Map<Phase, Integer> ends, Map<Phase, Integer> used) {
        int n = ends.get(phase);
        int k = used.merge(phase, 1, Integer::sum) - 1;
        double from = switch (phase.ordinal() % 4) {
            case 0 -> 0.45;   // starts at the crossing
            case 3 -> 0.15;   // ends at the crossing
            default -> 0.25;
        };
        double span = phase.ordinal() % 4 == 0 || phase.ordinal() % 4 == 3 ? 0.4 : 0.5;
        return n == 1 ? from + span / 2 : from + span * k / (n - 1);
    }

    private static Shape arrowHead(Point2D tip, Point2D from) {
        double dx = tip.getX() - from.getX();
        double dy = tip.getY() - from.getY();
        double len = Math.hypot(dx, dy);
        double ux = dx / len;
        double uy = dy / len;
        double back = 22;
        double half = 11;
        Path2D head = new Path2D.Double();
        head.moveTo(tip.getX(), tip.getY());
        head.lineTo(tip.getX() - ux * back - uy * half, tip.getY() - uy * back + ux * half);
        head.lineTo(tip.getX() - ux * back + uy * half, tip.getY() - uy * back - ux * half);
        head.closePath();
        return head;
    }

    /** Outside the band at each phase: its name, duration and tools. */
    private static void drawLabels(Graphics2D g, Track track, LoopSnapshot s) {
        for (Phase phase : Phase.values()) {
            PhaseAnswer a = s.phases().get(phase);
            Font name = font(Font.BOLD, 28);
            Font detail = font(Font.BOLD, 21);
            Font tools = font(Font.PLAIN, 20);
            List<Line> lines = new ArrayList<>();
            lines.add(new Line(phase.label(), name, COLORS.get(phase).darker()));
            if (a == null) {
                lines.add(new Line("not filled in yet", tools, MUTED));
            } else {
                String duration = a.durationMinutes() != null ? ExportMarkdown.duration(a.durationMinutes())
                        : blankToNull(a.durationText());
                lines.add(new Line(duration == null ? "no duration" : duration, detail, duration == null ? MUTED : INK));
                String toolText = blankToNull(a.tools()) == null ? null : blankToNull(displayable(tools, a.tools()));
                for (String line : wrap(g, toolText == null ? "no tools named" : oneLine(toolText), tools, LABEL_WIDTH, 2)) {
                    lines.add(new Line(line, tools, MUTED));
                }
            }
            drawLabel(g, lines, placement(track, phase));
        }
    }

    private record Line(String text, Font font, Color color) { }

    /** Where a label goes: its anchor corner, and which way from it the text extends. */
    private record Placement(Point2D anchor, boolean rightAligned, int vertical) { }

    /**
     * The four phases that meet at the crossing are labelled above and below the loop, leaning away from the
     * crossing; the four outer ones diagonally outside their piece of the band.
     */
    private static Placement placement(Track track, Phase phase) {
        boolean dev = track.isDev(phase);
        boolean atCrossing = phase.ordinal() % 4 == 0 || phase.ordinal() % 4 == 3;
        if (atCrossing) {
            boolean above = track.middle(phase).getY() < CENTER_Y;
            double y = above ? track.top() - BAND / 2 - LABEL_GAP : track.bottom() + BAND / 2 + LABEL_GAP;
            return new Placement(new Point2D.Double(CENTER_X + (dev ? -24 : 24), y), dev, above ? -1 : 1);
        }
        Point2D n = track.outwardNormal(phase);
        return new Placement(track.outer(phase, BAND / 2 + LABEL_GAP), n.getX() < 0,
                n.getY() < -0.3 ? -1 : n.getY() > 0.3 ? 1 : 0);
    }

    private static void drawLabel(Graphics2D g, List<Line> lines, Placement at) {
        double height = 0;
        double width = 0;
        for (Line line : lines) {
            FontMetrics fm = g.getFontMetrics(line.font());
            height += fm.getHeight();
            width = Math.max(width, fm.stringWidth(line.text()));
        }
        double anchorY = at.anchor().getY();
        double top = at.vertical() < 0 ? anchorY - height : at.vertical() > 0 ? anchorY : anchorY - height / 2;
        double left = at.rightAligned() ? at.anchor().getX() - width : at.anchor().getX();
        left = Math.max(16, Math.min(WIDTH - 16 - width, left));
        double y = top;
        for (Line line : lines) {
            FontMetrics fm = g.getFontMetrics(line.font());
            g.setFont(line.font());
            g.setColor(line.color());
            double x = at.rightAligned() ? left + width - fm.stringWidth(line.text()) : left;
            g.drawString(line.text(), (float) x, (float) (y + fm.getAscent()));
            y += fm.getHeight();
        }
    }

    /** The total loop time, top right; returns its left edge. */
    private static double drawTotal(Graphics2D g, LoopSnapshot s) {
        long total = 0;
        int timed = 0;
        for (PhaseAnswer a : s.phases().values()) {
            if (a.durationMinutes() != null) {
                total += a.durationMinutes();
                timed++;
            }
        }
        String text = timed == 0 ? "No phase timed yet"
                : "Total loop time: " + ExportMarkdown.duration(total)
                + (timed < Phase.values().length ? "  (" + timed + " of " + Phase.values().length + " phases timed)" : "");
        g.setFont(font(Font.BOLD, 26));
        FontMetrics fm = g.getFontMetrics();
        double w = fm.stringWidth(text) + 48;
        double h = fm.getHeight() + 18;
        double x = WIDTH - 60 - w;
        double y = 52;
        g.setColor(INK);
        g.fill(new RoundRectangle2D.Double(x, y, w, h, h, h));
        g.setColor(Color.WHITE);
        g.drawString(text, (float) (x + 24), (float) (y + 9 + fm.getAscent()));
        return x;
    }

    // ---- the track: a lemniscate of Bernoulli, cut into eight pieces of equal length

    /**
     * The figure-eight's centre line, sampled and cut into eight equal lengths. It starts at the crossing and runs
     * up-left into Plan, round the left lobe counter-clockwise, back through the crossing into Release, and round
     * the right lobe clockwise to Monitor.
     */
    private record Track(Point2D[] points, double[] lengths, double total, Point2D devCenter, Point2D opsCenter) {

        static Track build() {
            Point2D[] points = new Point2D[SAMPLES + 1];
            for (int i = 0; i <= SAMPLES; i++) {
                double t = Math.PI / 2 + 2 * Math.PI * i / SAMPLES; // t = π/2 is the crossing, heading up-left
                double d = 1 + Math.sin(t) * Math.sin(t);
                double x = HALF_WIDTH * Math.cos(t) / d;
                double y = HALF_WIDTH * Math.sin(t) * Math.cos(t) / d * STRETCH_Y;
                points[i] = new Point2D.Double(CENTER_X + x, CENTER_Y + y);
            }
            double[] lengths = new double[SAMPLES + 1];
            for (int i = 1; i <= SAMPLES; i++) {
                lengths[i] = lengths[i - 1] + points[i].distance(points[i - 1]);
            }
            double lobeX = HALF_WIDTH * 0.58;
            return new Track(points, lengths, lengths[SAMPLES], new Point2D.Double(CENTER_X - lobeX, CENTER_Y),
                    new Point2D.Double(CENTER_X + lobeX, CENTER_Y));
        }

        double top() {
            return Arrays.stream(points).mapToDouble(Point2D::getY).min().orElseThrow();
        }

        double bottom() {
            return Arrays.stream(points).mapToDouble(Point2D::getY).max().orElseThrow();
        }

        boolean isDev(Phase phase) {
            return phase.ordinal() < 4;
        }

        Point2D lobeCenter(boolean dev) {
            return dev ? devCenter : opsCenter;
        }

        /** The point {@code fraction} of the way through a phase. */
        Point2D at(Phase phase, double fraction) {
            return points[index(phase, fraction)];
        }

        Point2D middle(Phase phase) {
            return at(phase, 0.5);
        }

        Point2D tangent(Phase phase, double fraction) {
            int i = index(phase, fraction);
            Point2D a = points[Math.max(0, i - 3)];
            Point2D b = points[Math.min(SAMPLES, i + 3)];
            double len = a.distance(b);
            return new Point2D.Double((b.getX() - a.getX()) / len, (b.getY() - a.getY()) / len);
        }

        /** The unit normal at a phase's middle that points away from its lobe's inside. */
        Point2D outwardNormal(Phase phase) {
            Point2D tan = tangent(phase, 0.5);
            Point2D n = new Point2D.Double(-tan.getY(), tan.getX());
            Point2D mid = middle(phase);
            Point2D center = lobeCenter(isDev(phase));
            boolean pointsIn = n.getX() * (center.getX() - mid.getX()) + n.getY() * (center.getY() - mid.getY()) > 0;
            return pointsIn ? new Point2D.Double(-n.getX(), -n.getY()) : n;
        }

        Point2D outer(Phase phase, double distance) {
            Point2D n = outwardNormal(phase);
            Point2D mid = middle(phase);
            return new Point2D.Double(mid.getX() + n.getX() * distance, mid.getY() + n.getY() * distance);
        }

        Point2D inner(Phase phase, double fraction, double distance) {
            Point2D tan = tangent(phase, fraction);
            Point2D n = new Point2D.Double(-tan.getY(), tan.getX());
            Point2D p = at(phase, fraction);
            Point2D center = lobeCenter(isDev(phase));
            boolean pointsIn = n.getX() * (center.getX() - p.getX()) + n.getY() * (center.getY() - p.getY()) > 0;
            double sign = pointsIn ? 1 : -1;
            return new Point2D.Double(p.getX() + sign * n.getX() * distance, p.getY() + sign * n.getY() * distance);
        }

        /** A phase's piece of the centre line, a little shorter at both ends so the pieces read as separate steps. */
        Path2D segment(Phase phase) {
            int from = index(phase, 0) + 5;
            int to = index(phase, 1) - 5;
            Path2D path = new Path2D.Double();
            path.moveTo(points[from].getX(), points[from].getY());
            for (int i = from + 1; i <= to; i++) {
                path.lineTo(points[i].getX(), points[i].getY());
            }
            return path;
        }

        private int index(Phase phase, double fraction) {
            double target = total * (phase.ordinal() + fraction) / Phase.values().length;
            int i = Arrays.binarySearch(lengths, target);
            return Math.min(SAMPLES, i >= 0 ? i : -i - 1);
        }
    }

    // ---- text and colour helpers

    private static Font font(int style, int size) {
        return new Font(FONT_FAMILY, style, size);
    }

    /** DejaVu Sans where installed (the Docker image installs it), else Java's logical sans-serif font. */
    private static String pickFontFamily() {
        try {
            String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
            return Arrays.asList(families).contains("DejaVu Sans") ? "DejaVu Sans" : Font.SANS_SERIF;
        } catch (RuntimeException | Error e) {
            return Font.SANS_SERIF; // no fontconfig: Java's logical font is the best we have
        }
    }

    private static void centered(Graphics2D g, String text, Point2D at) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (float) (at.getX() - fm.stringWidth(text) / 2.0),
                (float) (at.getY() - fm.getHeight() / 2.0 + fm.getAscent()));
    }

    /** The text cut with "…" to fit {@code width} pixels in the current font. */
    private static String fit(Graphics2D g, String text, int width) {
        return fit(g, text, width, false);
    }

    private static String fit(Graphics2D g, String text, int width, boolean cut) {
        FontMetrics fm = g.getFontMetrics();
        if (!cut && fm.stringWidth(text) <= width) {
            return text;
        }
        int end = text.length();
        while (end > 0 && fm.stringWidth(text.substring(0, end).strip() + "…") > width) {
            end = end > 1 && Character.isLowSurrogate(text.charAt(end - 1)) ? end - 2 : end - 1;
        }
        return text.substring(0, end).strip() + "…";
    }

    /** Word-wrapped into at most {@code maxLines}, the last one cut with "…" if the text goes on. */
    private static List<String> wrap(Graphics2D g, String text, Font font, int width, int maxLines) {
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        List<String> lines = new ArrayList<>();
        String[] words = text.split(" ");
        StringBuilder line = new StringBuilder();
        int i = 0;
        while (i < words.length && lines.size() < maxLines) {
            String candidate = line.length() == 0 ? words[i] : line + " " + words[i];
            if (fm.stringWidth(candidate) <= width || line.length() == 0) {
                line = new StringBuilder(candidate);
                i++;
            } else {
                lines.add(line.toString());
                line = new StringBuilder();
            }
        }
        if (line.length() > 0 && lines.size() < maxLines) {
            lines.add(line.toString());
        }
        if (lines.isEmpty()) {
            return lines;
        }
        int last = lines.size() - 1;
        boolean more = i < words.length;
        if (more || fm.stringWidth(lines.get(last)) > width) {
            lines.set(last, fit(g, lines.get(last), width, more));
        }
        for (int k = 0; k < last; k++) {
            lines.set(k, fit(g, lines.get(k), width)); // a single word longer than the label
        }
        return lines;
    }

    /** Without the characters the font has no glyph for (emoji, mostly), which would show as boxes. */
    private static String displayable(Font font, String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().filter(c -> Character.isWhitespace(c) || font.canDisplay(c)).forEach(out::appendCodePoint);
        return out.toString().replaceAll("\\s{2,}", " ").strip();
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Point2D lerp(Point2D a, Point2D b, double t) {
        return new Point2D.Double(a.getX() + (b.getX() - a.getX()) * t, a.getY() + (b.getY() - a.getY()) * t);
    }

    /** A phase not filled in yet: its colour, washed out. */
    private static Color tint(Color c) {
        return new Color((c.getRed() + 3 * 235) / 4, (c.getGreen() + 3 * 235) / 4, (c.getBlue() + 3 * 235) / 4);
    }
}
