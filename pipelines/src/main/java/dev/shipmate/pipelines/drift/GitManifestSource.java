package dev.shipmate.pipelines.drift;

import dev.shipmate.config.Drift;
import dev.shipmate.config.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * The drift repository, cloned once into a folder of its own and fetched before each report, then
 * checked out at the tip of the configured branch. Works with {@code https://} URLs (with {@code
 * source.token}, sent as the password of user {@code x-access-token}, which GitHub, Gitea and
 * Bitbucket accept; GitLab accepts any user name with a token), {@code file://} URLs and local
 * paths. SSH URLs need JGit's SSH transport, which is not on the classpath: see docs/drift.md.
 */
public final class GitManifestSource {
  private static final String TOKEN_USER = "x-access-token";

  private final Drift.Source source;
  private final Path folder;

  /**
   * @param folder where the clone is kept between reports (created when missing)
   */
  public GitManifestSource(Drift.Source source, Path folder) {
    this.source = source;
    this.folder = folder;
  }

  /** Clones or fetches, then checks out the tip of the branch; one report at a time. */
  public synchronized GitCheckout checkout() {
    String remoteBranch = "refs/remotes/origin/" + source.branch();
    try (Git git = Files.isDirectory(folder.resolve(".git")) ? fetch() : cloneRepository()) {
      ObjectId tip = git.getRepository().resolve(remoteBranch);
      if (tip == null) {
        throw new GitSourceException(
            "the drift repository "
                + source
                + " has no branch '"
                + source.branch()
                + "': set drift.source.branch to one it has",
            null);
      }
      git.reset().setMode(ResetCommand.ResetType.HARD).setRef(tip.name()).call();
      git.clean().setCleanDirectories(true).setForce(true).call();
      return new GitCheckout(folder, tip.abbreviate(8).name());
    } catch (GitAPIException | IOException e) {
      throw new GitSourceException(
          "could not read the drift repository " + source + ": " + e.getMessage(), e);
    }
  }

  private Git cloneRepository() throws GitAPIException, IOException {
    Files.createDirectories(folder);
    return authenticated(
            Git.cloneRepository()
                .setURI(uri())
                .setDirectory(folder.toFile())
                .setBranch(source.branch())
                .setNoCheckout(true))
        .call();
  }

  private Git fetch() throws GitAPIException, IOException {
    Git git = Git.open(folder.toFile());
    try {
      authenticated(git.fetch().setRemote("origin").setRemoveDeletedRefs(true)).call();
      return git;
    } catch (GitAPIException | RuntimeException e) {
      git.close();
      throw e;
    }
  }

  private String uri() {
    String git = source.git();
    if (git.contains("://") || git.matches("[^/]+@[^/]+:.*")) {
      return git;
    }
    return Path.of(git).toAbsolutePath().toUri().toString();
  }

  private <C extends TransportCommand<C, ?>> C authenticated(C command) {
    source
        .token()
        .map(Secret::value)
        .filter(t -> !t.isBlank())
        .ifPresent(
            token ->
                command.setCredentialsProvider(
                    new UsernamePasswordCredentialsProvider(TOKEN_USER, token)));
    return command;
  }
}
