package io.devloop.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox in a real browser (headless Chromium from Debian's packages): type a command, click the card's
 * Build button, fill the modal, see the inline error for a bad duration, then the card updated in place.
 * Screenshots go to target/sandbox-*.png.
 */
@EnabledIf(value = "browserAvailable",
        disabledReason = "chromium/chromedriver not installed (apt-get install -y chromium chromium-driver); "
                + "DEVLOOP_REQUIRE_PEERS=1 makes this a failure instead of a skip")
class SandboxBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static SandboxClient sandbox;
    private static WebDriver browser;
    private static Path profile;

    static boolean browserAvailable() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        return installed || "1".equals(System.getenv("DEVLOOP_REQUIRE_PEERS"));
    }

    @BeforeAll
    static void start() throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("DEVLOOP_REQUIRE_PEERS=1 but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: "
                        + "apt-get install -y chromium chromium-driver").isTrue();
        sandbox = SandboxClient.start();
        profile = Files.createTempDirectory("devloop-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--window-size=1280,800", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void plan_click_build_fill_the_modal_fix_a_bad_duration_and_see_the_card_updated_in_place() throws IOException {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.get(sandbox.url("/sandbox"));

        WebElement command = wait.until(ExpectedConditions.elementToBeClickable(By.id("command")));
        command.sendKeys("/devloop plan Checkout v2", Keys.ENTER);
        By build = By.cssSelector(".msg button[data-action-id='loop.phase.open.build']");
        wait.until(ExpectedConditions.elementToBeClickable(build)).click();

        WebElement modal = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("modal")));
        assertThat(modal.getText()).contains("Build · L-1");
        field("what").sendKeys("Compile, run unit tests, build and push the image");
        field("roles").sendKeys("Developers");
        new Select(field("owners")).selectByVisibleText("Bob Schmidt (Europe/Berlin)");
        field("tools").sendKeys("GitHub Actions, Docker");
        field("duration").sendKeys("a fortnight-ish");
        field("deliverable").sendKeys("A tagged image in the registry");
        field("automation").sendKeys("Cache the dependencies");
        submit();

        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#modal .bk-error[data-error-for='duration']")));
        assertThat(error.getText()).contains("a fortnight-ish").contains("as a duration");
        assertThat(field("what").getAttribute("value")).as("what was typed is kept, as in Slack")
                .isEqualTo("Compile, run unit tests, build and push the image");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", error);
        screenshot("sandbox-modal-error.png");

        field("duration").clear();
        field("duration").sendKeys("8 min");
        submit();

        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("modal-backdrop")));
        By card = By.xpath("//div[contains(concat(' ', @class, ' '), ' msg ') and .//div[contains(@class,'bk-header') and contains(., 'Checkout v2')]]");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(card, "8 min · edited by"));
        WebElement updated = browser.findElement(card);
        assertThat(updated.getText()).contains("Build").contains("(edited)").contains("@Alice Nakamura");
        assertThat(browser.findElements(card)).as("the card is updated in place, not posted again").hasSize(1);
        assertThat(browser.findElements(By.cssSelector(".bk-unsupported"))).isEmpty();
        screenshot("sandbox-card-updated.png");
    }

    private static WebElement field(String blockId) {
        return browser.findElement(By.cssSelector("#modal .bk-el[data-block-id='" + blockId + "']"));
    }

    private static void submit() {
        browser.findElement(By.cssSelector("#modal [data-modal='submit']")).click();
    }

    private static void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
