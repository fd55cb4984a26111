import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GitHubAnswer, userGitHub } from "../../src/web/user-github.js";

const WEB = "https://github.acme.test";
const API = `${WEB}/api/v3`;
const github = userGitHub({ clientId: "Iv1.abc", clientSecret: "shh", webUrl: WEB, apiUrl: API });

describe("GitHub as the signed-in person sees it", () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it("lists every page of the person's installations and repositories, only those the app knows", async () => {
    const api = nock(API, { reqheaders: { authorization: "Bearer ghu_person" } })
      .get("/user/installations")
      .query({ per_page: "100" })
      .reply(
        200,
        { total_count: 3, installations: [{ id: 1 }, { id: 2 }] },
        {
          link: `<${API}/user/installations?per_page=100&page=2>; rel="next"`,
        },
      )
      .get("/user/installations")
      .query({ per_page: "100", page: "2" })
      .reply(200, { total_count: 3, installations: [{ id: 3 }] })
      .get("/user/installations/1/repositories")
      .query({ per_page: "100" })
      .reply(
        200,
        { total_count: 2, repositories: [{ id: 11 }] },
        {
          link: `<${API}/user/installations/1/repositories?per_page=100&page=2>; rel="next", <${API}/user/installations/1/repositories?per_page=100&page=2>; rel="last"`,
        },
      )
      .get("/user/installations/1/repositories")
      .query({ per_page: "100", page: "2" })
      .reply(200, { total_count: 2, repositories: [{ id: 12 }] })
      .get("/user/installations/3/repositories")
      .query({ per_page: "100" })
      .reply(200, { total_count: 1, repositories: [{ id: 31 }] });
    // Installation 2 is not one the store knows: never asked about.
    expect(await github.repositories("ghu_person", new Set([1, 3]))).toEqual([
      { installationId: 1, repositoryId: 11 },
      { installationId: 1, repositoryId: 12 },
      { installationId: 3, repositoryId: 31 },
    ]);
    expect(api.isDone()).toBe(true);
  });

  it("never sends the token to a next page outside this GitHub's API", async () => {
    nock(API)
      .get("/user/installations")
      .query(true)
      .reply(
        200,
        { installations: [{ id: 1 }] },
        {
          link: '<https://evil.example/user/installations?page=2>; rel="next"',
        },
      );
    await expect(github.repositories("ghu_person", new Set([1]))).rejects.toThrow(
      "outside its API",
    );
  });

  it("refuses a reply of the wrong shape instead of reading it as no repositories", async () => {
    nock(API)
      .get("/user/installations")
      .query(true)
      .reply(200, { installations: [{ id: "1" }] });
    await expect(github.repositories("ghu_person", new Set([1]))).rejects.toThrow(
      "GitHub's answer to GET /user/installations is not what it should be (installations.0.id",
    );
  });

  it("reports a token GitHub no longer accepts as a 401", async () => {
    nock(API).get("/user").reply(401, { message: "Bad credentials" });
    const error = await github.user("ghu_old").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubAnswer);
    expect((error as GitHubAnswer).status).toBe(401);
  });

  it("trades a code for a token with the App's credentials, and says when GitHub refuses", async () => {
    nock(WEB, { reqheaders: { accept: "application/json" } })
      .post("/login/oauth/access_token", {
        client_id: "Iv1.abc",
        client_secret: "shh",
        code: "good",
        redirect_uri: "https://expectations.acme.test/expectations/auth/callback",
      })
      .reply(200, { access_token: "ghu_new", token_type: "bearer", expires_in: 28800 })
      .post("/login/oauth/access_token")
      .reply(200, { error: "bad_verification_code", error_description: "expired" });
    await expect(
      github.exchangeCode("good", "https://expectations.acme.test/expectations/auth/callback"),
    ).resolves.toEqual({ token: "ghu_new", expiresInSeconds: 28800 });
    await expect(github.exchangeCode("used", null)).rejects.toThrow(
      "GitHub refused the sign-in: bad_verification_code",
    );
  });

  it("revokes a token with the App's credentials", async () => {
    const revoke = nock(API, {
      reqheaders: { authorization: `Basic ${Buffer.from("Iv1.abc:shh").toString("base64")}` },
    })
      .delete("/applications/Iv1.abc/token", { access_token: "ghu_bye" })
      .reply(204);
    await github.revoke("ghu_bye");
    expect(revoke.isDone()).toBe(true);
  });
});
